import LabKit

/// What a downloader needs to fetch and check a file: its size, its chunk size, and the SHA-256 of every
/// chunk. Its own SHA-256 is the file's ``ContentID``, so a manifest fetched from any peer can be checked
/// against the content ID the tracker listed.
public struct Manifest: Sendable, Equatable, WireCodable, CustomStringConvertible {
    public var name: String
    public var size: UInt64
    /// Bytes per chunk; the last chunk may be shorter.
    public var chunkSize: UInt32
    /// The SHA-256 of each chunk, in order (32 bytes each).
    public var chunkHashes: [[UInt8]]

    public init(name: String, size: UInt64, chunkSize: UInt32, chunkHashes: [[UInt8]]) {
        self.name = name
        self.size = size
        self.chunkSize = chunkSize
        self.chunkHashes = chunkHashes
    }

    /// 1 MiB: the chunk size the kit uses unless told otherwise.
    public static let defaultChunkSize: UInt32 = 1 << 20

    /// How many chunks a file of `size` bytes has with chunks of `chunkSize` bytes.
    public static func chunkCount(size: UInt64, chunkSize: UInt32) -> Int {
        Int((size + UInt64(chunkSize) - 1) / UInt64(chunkSize))
    }

    public var chunkCount: Int { chunkHashes.count }

    /// Where chunk `index` lies in the file. Safe for any index a student's code may pass: an index past the
    /// end (or negative) gets the empty range at the file's end, never a trap in given code.
    public func range(ofChunk index: Int) -> (offset: UInt64, length: Int) {
        guard index >= 0 else { return (size, 0) }
        let (start, overflow) = UInt64(index).multipliedReportingOverflow(by: UInt64(chunkSize))
        guard !overflow, start < size else { return (size, 0) }
        return (start, Int(min(UInt64(chunkSize), size - start)))
    }

    /// The content ID of the file this manifest describes (the SHA-256 of the manifest's wire form, name
    /// excluded, so renaming a file does not change its identity).
    public var contentID: ContentID {
        var writer = WireWriter()
        writer.write(size)
        writer.write(chunkSize)
        for hash in chunkHashes { writer.writeRaw(hash) }
        return ContentID(SHA256.hash(writer.bytes))
    }

    public var description: String { "manifest of \(name): \(size) bytes in \(chunkCount) chunks of \(chunkSize)" }

    public func encode(to writer: inout WireWriter) {
        writer.write(name)
        writer.write(size)
        writer.write(chunkSize)
        writer.writeVarint(UInt64(chunkHashes.count))
        for hash in chunkHashes { writer.writeRaw(hash) }
    }

    public init(from reader: inout WireReader) throws(WireError) {
        name = try reader.read()
        size = try reader.read()
        chunkSize = try reader.read()
        guard chunkSize > 0 else { throw .invalidValue(field: "Manifest.chunkSize", reason: "must not be 0") }
        let count = try reader.readLength(field: "Manifest.chunkHashes", limit: reader.limits.maxElements)
        guard count == Self.chunkCount(size: size, chunkSize: chunkSize) else {
            throw .invalidValue(field: "Manifest.chunkHashes", reason: "\(count) hashes for \(Self.chunkCount(size: size, chunkSize: chunkSize)) chunks")
        }
        guard count * SHA256.digestLength <= reader.remaining else {
            throw .truncated(field: "Manifest.chunkHashes", needed: count * SHA256.digestLength, available: reader.remaining)
        }
        chunkHashes = []
        chunkHashes.reserveCapacity(count)
        for _ in 0..<count { chunkHashes.append(Array(try reader.readRaw(count: SHA256.digestLength, field: "chunk hash"))) }
    }
}
