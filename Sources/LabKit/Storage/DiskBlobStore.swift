#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A ``BlobStore`` in a folder, for a real node: the committed blob `NAME` is the file `folder/NAME`, an
/// unfinished one `folder/NAME.part`, which never survives a restart of the store.
///
/// Each open part keeps its file and a running SHA-256 in memory, so a commit checks the hash without reading the
/// file again, then syncs it and renames it into place. The hash is computed on a queue of its own, beside the writes. Reads go through a few cached read handles.
public final class DiskBlobStore: BlobStore {
    /// An unfinished blob being written.
    private struct Part {
        let file: RandomAccessFile
        let hasher = BackgroundHasher()
        var size: UInt64 = 0
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
    private let state = Lock(State())

    /// Opens the store in `folder`, creating it if needed and deleting every `*.part` left by an earlier run.
    public init(folder: String) throws(StorageError) {
        self.folder = folder
        try AtomicFile.makeFolder(folder)
        for entry in try Self.entries(of: folder) where entry.hasSuffix(BlobName.partSuffix) {
            AtomicFile.remove(path(entry))
        }
    }

    deinit {
        state.withLock { state in
            for part in state.parts.values { part.file.close() }
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
                state.parts[name] = Part(file: file)
            }
            let part = state.parts[name]!
            try part.file.write(at: part.size, bytes)
            part.hasher.update(bytes)
            state.parts[name]!.size += UInt64(bytes.count)
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
        do throws(StorageError) {
            guard part.size == size else { throw .contentMismatch(name, reason: "size \(part.size) instead of \(size)") }
            guard part.hasher.finalize() == sha256 else { throw .contentMismatch(name, reason: "SHA-256 differs") }
            if durable { try part.file.synchronize() }
            part.file.close()
            try AtomicFile.move(partPath, to: final, durable: durable)
        } catch {
            part.file.close()
            AtomicFile.remove(partPath)
            throw error
        }
        dropReader(name)
    }

    public func discardPart(_ name: String) {
        guard let part = state.withLock({ $0.parts.removeValue(forKey: name) }) else { return }
        part.file.close()
        AtomicFile.remove(path(name) + BlobName.partSuffix)
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
