#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes files so that a reader sees the old content or the whole new content, never a torn write: the bytes
/// go to a hidden temporary file in the same folder, are flushed to disk, then renamed over the target.
/// Plain POSIX calls, so it works the same on Linux and macOS.
public enum AtomicFile {
    /// Creates the folder `path` and its missing parents, like `mkdir -p`.
    public static func makeFolder(_ path: String) throws(StorageError) {
        var prefix = path.hasPrefix("/") ? "/" : ""
        for component in path.split(separator: "/") {
            prefix += component
            if mkdir(prefix, 0o755) != 0 {
                let code = errno
                guard code == EEXIST, isDirectory(prefix) else {
                    throw .cannotCreateFolder(path, reason: code == EEXIST ? "\(prefix) is not a directory" : reason(code))
                }
            }
            prefix += "/"
        }
    }

    /// Atomically replaces (or creates) the file at `path` with `bytes`, creating missing parent folders; the file
    /// has `permissions` from its creation on (0o600 for a secret such as a private key, never readable by others).
    public static func write(_ bytes: [UInt8], to path: String, permissions: mode_t = 0o644) throws(StorageError) {
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[..<$0]) } ?? ""
        if !directory.isEmpty { try makeFolder(directory) }
        let base = slash.map { String(path[path.index(after: $0)...]) } ?? path
        let prefix = slash == nil ? "" : directory + "/"
        let temporary = "\(prefix).\(base).\(getpid())-\(UInt32.random(in: .min ... .max)).tmp"

        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, permissions)
        guard fd >= 0 else { throw .cannotWrite(path, reason: reason(errno)) }
        var failure: Int32?
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = systemWrite(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += written
            }
        }
        if failure == nil, fsync(fd) != 0 { failure = errno }
        if close(fd) != 0, failure == nil { failure = errno }
        if failure == nil, rename(temporary, path) != 0 { failure = errno }
        if let failure {
            unlink(temporary)
            throw .cannotWrite(path, reason: reason(failure))
        }
        syncDirectory(directory.isEmpty ? "." : directory)
    }

    /// Atomically replaces (or creates) the file at `path` with `text` as UTF-8.
    public static func write(_ text: String, to path: String) throws(StorageError) {
        try write(Array(text.utf8), to: path)
    }

    /// The whole file at `path`.
    public static func read(_ path: String) throws(StorageError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .cannotRead(path, reason: reason(errno)) }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress!, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .cannotRead(path, reason: reason(errno))
            }
            if count == 0 { return bytes }
            bytes.append(contentsOf: chunk[..<count])
        }
    }

    private static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// Makes the rename itself durable; best effort, as some file systems refuse to sync a directory.
    private static func syncDirectory(_ path: String) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        close(fd)
    }

    private static func reason(_ code: Int32) -> String {
        String(cString: strerror(code))
    }

    private static func systemWrite(_ fd: Int32, _ pointer: UnsafeRawPointer, _ count: Int) -> Int {
        #if canImport(Glibc)
        Glibc.write(fd, pointer, count)
        #else
        Darwin.write(fd, pointer, count)
        #endif
    }

    private static func systemRead(_ fd: Int32, _ pointer: UnsafeMutableRawPointer, _ count: Int) -> Int {
        #if canImport(Glibc)
        Glibc.read(fd, pointer, count)
        #else
        Darwin.read(fd, pointer, count)
        #endif
    }
}
