#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An open file read and written at explicit offsets (`pread`/`pwrite`), so several tasks can use
/// different parts of it at once and memory never depends on the file's size.
///
/// ```swift
/// let file = try RandomAccessFile.open("/tmp/movie.mp4.part", mode: .create)
/// defer { file.close() }
/// try file.preallocate(4 << 30)                     // fails at once with diskFull if 4 GiB do not fit
/// try file.write(at: 3 << 20, chunkBytes)           // chunk 3, wherever it came from
/// let count = try file.read(at: 0, into: buffer)    // fewer than buffer.count only at the end of the file
/// try file.synchronize()                            // on disk before anyone is told it is there
/// ```
/// Every failure is a ``StorageError`` naming the path (a full disk and a refused permission get their own
/// cases). Calls block the calling thread for as long as the disk takes; a 1 MiB read or write is fine on
/// Swift's cooperative pool, whole-file work belongs on a thread of its own.
public final class RandomAccessFile: Sendable {
    /// How to open a file.
    public enum Mode: Sendable {
        /// Read only; the file must exist.
        case read
        /// Read and write; the file must exist.
        case readWrite
        /// Read and write, creating the file (empty) when it does not exist; an existing file keeps its bytes.
        case create
    }

    private struct State {
        let fd: Int32
        var isClosed = false
        /// Calls currently using `fd`; the last one out closes it after `close()`.
        var borrowers = 0
    }

    /// The path the file was opened with.
    public let path: String
    private let state: Lock<State>

    private init(path: String, fd: Int32) {
        self.path = path
        self.state = Lock(State(fd: fd))
    }

    deinit {
        state.withLock { state in
            if !state.isClosed { _ = systemClose(state.fd) }
        }
    }

    /// Opens the file at `path`; `permissions` apply when `.create` makes a new file.
    public static func open(_ path: String, mode: Mode, permissions: UInt32 = 0o644) throws(StorageError) -> RandomAccessFile {
        let flags: Int32 = switch mode {
        case .read: O_RDONLY
        case .readWrite: O_RDWR
        case .create: O_RDWR | O_CREAT
        }
        while true {
            let fd = systemOpen(path, flags | O_CLOEXEC, mode_t(permissions))
            if fd >= 0 { return RandomAccessFile(path: path, fd: fd) }
            let code = errno
            if code == EINTR { continue }
            throw StorageError(errno: code, path: path, writing: mode != .read)
        }
    }

    /// Reads from `offset` until `buffer` is full or the file ends; returns how many bytes were read
    /// (fewer than `buffer.count` only at the end of the file).
    public func read(at offset: UInt64, into buffer: UnsafeMutableRawBufferPointer) throws(StorageError) -> Int {
        try withDescriptor { fd throws(StorageError) in
            var done = 0
            while done < buffer.count {
                let count = pread(fd, buffer.baseAddress! + done, buffer.count - done, off_t(offset) + off_t(done))
                if count > 0 {
                    done += count
                } else if count == 0 {
                    break
                } else if errno != EINTR {
                    throw StorageError(errno: errno, path: path, writing: false)
                }
            }
            return done
        }
    }

    /// Writes all of `bytes` at `offset`, growing the file if needed.
    public func write(at offset: UInt64, _ bytes: UnsafeRawBufferPointer) throws(StorageError) {
        try withDescriptor { fd throws(StorageError) in
            var done = 0
            while done < bytes.count {
                let count = pwrite(fd, bytes.baseAddress! + done, bytes.count - done, off_t(offset) + off_t(done))
                if count > 0 {
                    done += count
                } else if count == 0 {
                    throw StorageError.diskFull(path)
                } else if errno != EINTR {
                    throw StorageError(errno: errno, path: path, writing: true)
                }
            }
        }
    }

    /// Writes all of `bytes` at `offset`, growing the file if needed.
    public func write(at offset: UInt64, _ bytes: [UInt8]) throws(StorageError) {
        let failure = bytes.withUnsafeBytes { buffer -> StorageError? in
            do throws(StorageError) { try write(at: offset, buffer) } catch { return error }
            return nil
        }
        if let failure { throw failure }
    }

    /// The file's current size in bytes.
    public func size() throws(StorageError) -> UInt64 {
        try withDescriptor { fd throws(StorageError) in
            var info = stat()
            guard fstat(fd, &info) == 0 else { throw StorageError(errno: errno, path: path, writing: false) }
            return UInt64(info.st_size)
        }
    }

    /// Cuts the file to `size` bytes, or extends it with zeros (a sparse hole, no disk space reserved).
    public func truncate(to size: UInt64) throws(StorageError) {
        try withDescriptor { fd throws(StorageError) in
            while ftruncate(fd, off_t(size)) != 0 {
                guard errno == EINTR else { throw StorageError(errno: errno, path: path, writing: true) }
            }
        }
    }

    /// Makes the file `size` bytes long and, where the system can, reserves the disk space now, so a disk
    /// too small fails here with ``StorageError/diskFull(_:)`` rather than half way through a download.
    /// Existing bytes are kept; a larger file is cut to `size`.
    public func preallocate(_ size: UInt64) throws(StorageError) {
        if try self.size() > size { try truncate(to: size) }
        #if canImport(Glibc)
        if size > 0 {
            let code = try withDescriptor { fd in posix_fallocate(fd, 0, off_t(size)) }
            switch code {
            case 0: return
            case EOPNOTSUPP, EINVAL, ENOSYS: break  // a file system that cannot reserve space: a plain size will do
            default: throw StorageError(errno: code, path: path, writing: true)
            }
        }
        #endif
        try truncate(to: size)
    }

    /// Flushes the file's bytes to the disk (`fsync`): after it returns, a crash of the machine keeps them.
    public func synchronize() throws(StorageError) {
        try withDescriptor { fd throws(StorageError) in
            while fsync(fd) != 0 {
                guard errno == EINTR else { throw StorageError(errno: errno, path: path, writing: true) }
            }
        }
    }

    /// Closes the file; later calls throw ``StorageError/closed(_:)``. Safe to call twice, and while another
    /// call is running (the descriptor is closed when that call finishes).
    public func close() {
        let fd = state.withLock { state -> Int32? in
            guard !state.isClosed else { return nil }
            state.isClosed = true
            return state.borrowers == 0 ? state.fd : nil
        }
        if let fd { _ = systemClose(fd) }
    }

    /// Lends the descriptor to `body`, keeping it open until `body` returns.
    func withDescriptor<Result>(_ body: (Int32) throws(StorageError) -> Result) throws(StorageError) -> Result {
        let fd = try borrow()
        defer { release() }
        return try body(fd)
    }

    /// Lends the descriptor to an asynchronous `body` (`sendFile`), keeping it open until `body` returns.
    package func lendingDescriptor<Result>(_ body: (Int32) async throws -> Result) async throws -> Result {
        let fd = try borrow()
        defer { release() }
        return try await body(fd)
    }

    /// Starts a borrow of the descriptor, or throws once the file is closed.
    private func borrow() throws(StorageError) -> Int32 {
        try state.withLock { state throws(StorageError) -> Int32 in
            guard !state.isClosed else { throw .closed(path) }
            state.borrowers += 1
            return state.fd
        }
    }

    /// Ends a borrow; the last one out after `close()` closes the descriptor.
    private func release() {
        let last = state.withLock { state -> Int32? in
            state.borrowers -= 1
            return state.isClosed && state.borrowers == 0 ? state.fd : nil
        }
        if let last { _ = systemClose(last) }
    }
}

/// `open(2)` and `close(2)`, callable where `RandomAccessFile` has methods of the same names.
private func systemOpen(_ path: String, _ flags: Int32, _ mode: mode_t) -> Int32 {
    open(path, flags, mode)
}

private func systemClose(_ fd: Int32) -> Int32 {
    close(fd)
}
