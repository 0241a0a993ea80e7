#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A ``BlobStore`` in a folder, for a real node: the committed blob `NAME` is the file `folder/NAME`, an
/// unfinished one `folder/NAME.part`, which never survives a restart of the store — unless it was opened with
/// ``resumePart(_:size:sha256:pieceSize:)``: then its progress record `folder/NAME.part.progress` keeps what it
/// vouches for until the next `resumePart` of that blob, which goes on from there (a deposit client's recoveries).
///
/// Each open part keeps its file and a running SHA-256 in memory, so a commit checks the hash without reading the
/// file again, then syncs it and renames it into place. The hash is computed on a queue of its own, beside the writes. Reads go through a few cached read handles.
public final class DiskBlobStore: BlobStore {
    /// An unfinished blob being written.
    private struct Part {
        let file: RandomAccessFile
        let hasher = BackgroundHasher()
        var size: UInt64 = 0
        /// Its progress record, when it is resumable.
        var progress: PartProgress?
    }

    private struct State {
        var parts: [String: Part] = [:]
        /// Open read handles of committed blobs, the most recently used last.
        var readers: [(name: String, file: RandomAccessFile)] = []
    }

    /// How many committed blobs keep a read handle open.
    static let cachedReaders = 8

    /// The folder holding the blobs.
    public let folder: String
    /// How many bytes a resumable part grows by between two checkpoints (flush, then record).
    public let checkpointBytes: UInt64
    private let state = Lock(State())

    /// Opens the store in `folder`, creating it if needed and deleting every `*.part` left by an earlier run but
    /// those with a progress record (and every record without its part). A resumable part is flushed and recorded
    /// every `checkpointBytes` appended.
    public init(folder: String, checkpointBytes: UInt64 = 16 << 20) throws(StorageError) {
        self.folder = folder
        self.checkpointBytes = max(1, checkpointBytes)
        try AtomicFile.makeFolder(folder)
        // A part stays only with its record beside it, and a record only with its part.
        let entries = Set(try Self.entries(of: folder))
        for entry in entries where entry.hasSuffix(BlobName.partSuffix) || entry.hasSuffix(BlobName.recordSuffix) {
            let part = entry.hasSuffix(BlobName.partSuffix) ? entry : String(entry.dropLast(BlobName.recordSuffix.count - BlobName.partSuffix.count))
            if !entries.contains(part) || !entries.contains(ProgressRecord.path(forPart: part)) { AtomicFile.remove(path(entry)) }
        }
    }

    deinit {
        state.withLock { state in
            for part in state.parts.values {
                part.progress?.close()  // first: a checkpoint under way still needs the part
                part.file.close()
            }
            for reader in state.readers { reader.file.close() }
        }
    }

    public var names: [String] {
        ((try? Self.entries(of: folder)) ?? []).filter { BlobName.isValid($0) && isFile(path($0)) }.sorted()
    }

    public var freeBytes: UInt64 {
        var info = statvfs()
        guard statvfs(folder, &info) == 0 else { return 0 }
        let (bytes, overflow) = UInt64(info.f_bavail).multipliedReportingOverflow(by: UInt64(info.f_frsize))
        return overflow ? .max : bytes
    }

    public func size(of name: String) -> UInt64? {
        guard BlobName.isValid(name) else { return nil }
        var info = stat()
        guard stat(path(name), &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return UInt64(info.st_size)
    }

    public func partSize(of name: String) -> UInt64? {
        state.withLock { $0.parts[name]?.size }
    }

    public func append(_ bytes: [UInt8], to name: String) throws(StorageError) {
        try BlobName.check(name)
        let partPath = path(name) + BlobName.partSuffix
        guard UInt64(bytes.count) <= freeBytes else { throw .diskFull(partPath) }
        // The write happens under the lock: it is one piece (a chunk), and the hash must see pieces in order.
        try state.withLock { state throws(StorageError) in
            if state.parts[name] == nil {
                let file = try RandomAccessFile.open(partPath, mode: .create)
                do throws(StorageError) { try file.truncate(to: 0) } catch {
                    file.close()
                    throw error
                }
                AtomicFile.remove(ProgressRecord.path(forPart: partPath))  // a record left beside it vouches for bytes now gone
                state.parts[name] = Part(file: file)
            }
            var part = state.parts[name]!
            try part.file.write(at: part.size, bytes)
            part.hasher.update(bytes)
            part.size += UInt64(bytes.count)
            // A checkpoint that fails leaves the part as it was, only resumable no further than recorded before.
            part.progress?.appended(upTo: part.size, of: part.file, checkpointBytes: checkpointBytes)
            state.parts[name] = part
        }
    }

    public func resumePart(_ name: String, size: UInt64, sha256: [UInt8], pieceSize: Int) -> UInt64 {
        // A part of that name still open (a pull given up earlier in this run) is resumed from disk, as after a restart.
        if let open = state.withLock({ $0.parts.removeValue(forKey: name) }) {
            open.progress?.close()
            open.file.close()
        }
        guard BlobName.isValid(name), size > 0, pieceSize > 0, sha256.count == SHA256.digestLength else {
            discardPart(name)
            return 0
        }
        // The reading and hashing of the bytes kept happen outside the lock: the part is not shared until it is in place.
        do throws(StorageError) {
            let part = try openResumable(path(name) + BlobName.partSuffix, size: size, sha256: sha256, pieceSize: pieceSize)
            state.withLock { $0.parts[name] = part }
            return part.size
        } catch {
            discardPart(name)
            return 0
        }
    }

    /// The part at `partPath` cut to what its progress record vouches for, with those bytes hashed again.
    private func openResumable(_ partPath: String, size: UInt64, sha256: [UInt8], pieceSize: Int) throws(StorageError) -> Part {
        let file = try RandomAccessFile.open(partPath, mode: .create)
        var progress: PartProgress?
        do throws(StorageError) {
            let (opened, kept) = try PartProgress.open(part: file, at: partPath, size: size, sha256: sha256, pieceSize: pieceSize)
            progress = opened
            let part = Part(file: file, size: kept, progress: opened)
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
            defer { buffer.deallocate() }
            var offset: UInt64 = 0
            while offset < kept {
                let slice = UnsafeMutableRawBufferPointer(rebasing: buffer[..<Int(min(UInt64(buffer.count), kept - offset))])
                let read = try file.read(at: offset, into: slice)
                guard read > 0 else { throw .cannotRead(partPath, reason: "it ends at \(offset) bytes, before the \(kept) its record vouches for") }
                part.hasher.update(Array(slice[..<read]))
                offset += UInt64(read)
            }
            return part
        } catch {
            file.close()
            progress?.close()
            throw error
        }
    }

    public func commit(_ name: String, size: UInt64, sha256: [UInt8], durable: Bool) throws(StorageError) {
        try BlobName.check(name)
        let final = path(name), partPath = final + BlobName.partSuffix
        let part = try state.withLock { state throws(StorageError) -> Part in
            guard let part = state.parts.removeValue(forKey: name) else { throw .notFound(final) }
            return part
        }
        // The check needs no lock (the part is no longer shared), nor do the sync and the rename, which may take a while.
        // Its progress record goes once the part is gone, either way.
        do throws(StorageError) {
            guard part.size == size else { throw .contentMismatch(name, reason: "size \(part.size) instead of \(size)") }
            guard part.hasher.finalize() == sha256 else { throw .contentMismatch(name, reason: "SHA-256 differs") }
            if durable { try part.file.synchronize() }
            part.file.close()
            try AtomicFile.move(partPath, to: final, durable: durable)
        } catch {
            part.file.close()
            AtomicFile.remove(partPath)
            part.progress?.remove()
            throw error
        }
        part.progress?.remove()
        dropReader(name)
    }

    public func discardPart(_ name: String) {
        let part = state.withLock { $0.parts.removeValue(forKey: name) }
        part?.progress?.close()
        part?.file.close()
        // Also a part only on disk: one kept for a resume by an earlier run.
        guard BlobName.isValid(name), part != nil || isFile(path(name) + BlobName.partSuffix) else { return }
        AtomicFile.remove(path(name) + BlobName.partSuffix)
        AtomicFile.remove(ProgressRecord.path(forPart: path(name) + BlobName.partSuffix))
    }

    public func read(_ name: String, at offset: UInt64, count: Int) throws(StorageError) -> [UInt8] {
        try BlobName.check(name)
        guard count > 0 else { return [] }
        // A handle closed by a commit or remove between fetching and reading it is opened afresh, once.
        for attempt in 0..<2 {
            do throws(StorageError) { return try Self.bytes(of: try reader(name), at: offset, count: count) } catch {
                guard case .closed = error, attempt == 0 else { throw error }
            }
        }
        throw .closed(path(name))
    }

    public func readPart(_ name: String, at offset: UInt64, count: Int) throws(StorageError) -> [UInt8] {
        try BlobName.check(name)
        // Under the lock, so the part is neither committed nor discarded while it is read.
        return try state.withLock { state throws(StorageError) -> [UInt8] in
            guard let part = state.parts[name] else { throw .notFound(path(name) + BlobName.partSuffix) }
            guard offset < part.size, count > 0 else { return [] }
            return try Self.bytes(of: part.file, at: offset, count: Int(min(UInt64(count), part.size - offset)))
        }
    }

    /// Up to `count` bytes of `file` from `offset`.
    private static func bytes(of file: RandomAccessFile, at offset: UInt64, count: Int) throws(StorageError) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: count)
        let outcome = buffer.withUnsafeMutableBytes { buffer -> Result<Int, StorageError> in
            do throws(StorageError) { return .success(try file.read(at: offset, into: buffer)) } catch { return .failure(error) }
        }
        buffer.removeLast(count - (try outcome.get()))
        return buffer
    }

    public func remove(_ name: String) {
        guard BlobName.isValid(name) else { return }
        dropReader(name)
        guard unlink(path(name)) == 0 else { return }
        synchronizeFolder()
    }

    /// The open read handle of the committed blob `name`, opened (and cached, evicting the oldest) if needed.
    private func reader(_ name: String) throws(StorageError) -> RandomAccessFile {
        try state.withLock { state throws(StorageError) -> RandomAccessFile in
            if let index = state.readers.firstIndex(where: { $0.name == name }) {
                let reader = state.readers.remove(at: index)
                state.readers.append(reader)
                return reader.file
            }
            let file = try RandomAccessFile.open(path(name), mode: .read)
            if state.readers.count >= Self.cachedReaders { state.readers.removeFirst().file.close() }
            state.readers.append((name, file))
            return file
        }
    }

    /// Closes the cached read handle of `name`, whose file is being replaced or deleted.
    private func dropReader(_ name: String) {
        let dropped = state.withLock { state -> RandomAccessFile? in
            guard let index = state.readers.firstIndex(where: { $0.name == name }) else { return nil }
            return state.readers.remove(at: index).file
        }
        dropped?.close()
    }

    private func path(_ name: String) -> String { "\(folder)/\(name)" }

    private func isFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }

    /// Makes a deletion durable; best effort, as some file systems refuse to sync a folder.
    private func synchronizeFolder() {
        let fd = open(folder, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        close(fd)
    }

    /// The names in `folder`, without `.` and `..`.
    private static func entries(of folder: String) throws(StorageError) -> [String] {
        guard let directory = opendir(folder) else { throw StorageError(errno: errno, path: folder, writing: false) }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafePointer(to: &entry.pointee.d_name) {
                String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self))
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }
}
