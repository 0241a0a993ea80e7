/// A progress record, `<part>.progress`: which chunks of a part file are on disk for sure, so a transfer killed
/// part-way resumes instead of starting over. The video lab's downloads keep one beside each `<name>.part`
/// (chunks verified against the manifest); a deposit client's recoveries beside each resumable part of its
/// ``DiskBlobStore`` (``BlobStore/resumePart(_:size:sha256:pieceSize:)``, pieces appended in order).
///
/// Format: the 8 bytes `LKVPROG1`, the 32-byte content ID of the file being transferred (a download's
/// `ContentID`, a deposit file's SHA-256), then one 4-byte big-endian chunk index per chunk on disk, appended
/// only after the part file was flushed. A kill in the middle of an append leaves a partial last entry, which
/// loading ignores; a record for other content (the same name, another file) is ignored too.
package final class ProgressRecord: Sendable {
    static let magic = Array("LKVPROG1".utf8)
    /// The bytes before the first entry: a record no longer than this lists no chunk.
    package static var headerLength: Int { magic.count + SHA256.digestLength }

    /// Where the record of the part file `part` is kept: beside it, `<part>.progress`.
    package static func path(forPart part: String) -> String { part + ".progress" }

    let file: RandomAccessFile
    /// Where the next entry goes.
    private let end: Lock<UInt64>

    private init(file: RandomAccessFile, end: UInt64) {
        self.file = file
        self.end = Lock(end)
    }

    /// Opens (or starts) the record at `path` for `contentID` (32 bytes): the chunks it lists, below `chunkCount`,
    /// and the record ready for appending. A missing, damaged or foreign record is started afresh (empty).
    package static func open(_ path: String, contentID: [UInt8], chunkCount: Int) throws(StorageError) -> (ProgressRecord, verified: Set<Int>) {
        precondition(contentID.count == SHA256.digestLength, "a progress record's content ID has 32 bytes, not \(contentID.count)")
        let file = try RandomAccessFile.open(path, mode: .create)
        do throws(StorageError) {
            let size = try file.size()
            if size >= UInt64(headerLength), try readHeader(file) == contentID {
                let entries = Int((size - UInt64(headerLength)) / 4)
                let verified = try readEntries(file, count: entries, below: chunkCount)
                return (ProgressRecord(file: file, end: UInt64(headerLength + 4 * entries)), verified)
            }
            try file.truncate(to: 0)
            try file.write(at: 0, magic + contentID)
            try file.synchronize()
            return (ProgressRecord(file: file, end: UInt64(headerLength)), [])
        } catch {
            file.close()
            throw error
        }
    }

    /// Appends `indexes` and flushes them. Call only after the part file holding their bytes was flushed.
    package func append(_ indexes: [Int]) throws(StorageError) {
        guard !indexes.isEmpty else { return }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(indexes.count * 4)
        for index in indexes {
            let value = UInt32(index)
            bytes += [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
        }
        try end.withLock { end throws(StorageError) in
            try file.write(at: end, bytes)
            end += UInt64(bytes.count)
        }
        try file.synchronize()
    }

    package func close() {
        file.close()
    }

    /// The content ID bytes of the header, or `nil` when the magic is wrong.
    private static func readHeader(_ file: RandomAccessFile) throws(StorageError) -> [UInt8]? {
        let header = UnsafeMutableRawBufferPointer.allocate(byteCount: headerLength, alignment: 1)
        defer { header.deallocate() }
        guard try file.read(at: 0, into: header) == headerLength, Array(header[..<magic.count]) == magic else { return nil }
        return Array(header[magic.count...])
    }

    /// The first `count` entries, 64 KiB at a time, keeping indexes below `limit`.
    private static func readEntries(_ file: RandomAccessFile, count: Int, below limit: Int) throws(StorageError) -> Set<Int> {
        var verified = Set<Int>()
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 << 10, alignment: 4)
        defer { buffer.deallocate() }
        var done = 0
        while done < count {
            let batch = min(count - done, buffer.count / 4)
            let slice = UnsafeMutableRawBufferPointer(rebasing: buffer[..<(batch * 4)])
            let read = try file.read(at: UInt64(headerLength + 4 * done), into: slice)
            guard read == batch * 4 else { break }
            for entry in 0..<batch {
                let index = slice[entry * 4..<(entry * 4 + 4)].reduce(0) { $0 << 8 | Int($1) }
                if index < limit { verified.insert(index) }
            }
            done += batch
        }
        return verified
    }
}
