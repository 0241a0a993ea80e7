#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension AtomicFile {
    /// Renames `source` to `destination` in one step (replacing any file there), then makes the rename
    /// durable. Both must be in the same file system, usually the same folder: readers see the old name or
    /// the new one, never a half-written file.
    public static func move(_ source: String, to destination: String) throws(StorageError) {
        try move(source, to: destination, durable: true)
    }

    /// ``move(_:to:)``, syncing the folder only when `durable`: a file that only passes through skips it.
    public static func move(_ source: String, to destination: String, durable: Bool) throws(StorageError) {
        guard rename(source, destination) == 0 else { throw StorageError(errno: errno, path: destination, writing: true) }
        guard durable else { return }
        let slash = destination.lastIndex(of: "/")
        let folder = slash.map { String(destination[..<$0]) } ?? "."
        let fd = open(folder.isEmpty ? "/" : folder, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        close(fd)
    }

    /// Deletes the file at `path` if it exists.
    public static func remove(_ path: String) {
        _ = unlink(path)
    }
}
