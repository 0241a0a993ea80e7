/// A file on disk a real client deposits: its size and SHA-256, taken when it was opened, and an open handle
/// the bytes are served from piece by piece (memory never depends on its size). A file changed after it was
/// opened no longer matches its hash: the servers refuse the copy (`contentMismatch`) and keep nothing.
public struct LocalFile: Hashable, Sendable, CustomStringConvertible {
    public let path: String
    public let size: UInt64
    public let sha256: [UInt8]
    private let file: RandomAccessFile

    /// Opens the file at `path` and hashes it, reading 1 MiB at a time.
    public static func open(_ path: String) throws(StorageError) -> LocalFile {
        let file = try RandomAccessFile.open(path, mode: .read)
        var hash = SHA256(), size: UInt64 = 0
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        do throws(StorageError) {
            while true {
                let count = try Self.read(file, at: size, into: &buffer)
                if count == 0 { break }
                buffer.withUnsafeBytes { hash.update(UnsafeRawBufferPointer(rebasing: $0[..<count])) }
                size += UInt64(count)
            }
        } catch {
            file.close()
            throw error
        }
        return LocalFile(path: path, size: size, sha256: hash.finalize(), file: file)
    }

    /// Up to `count` bytes from `offset` (fewer at the end, none past it).
    public func bytes(at offset: UInt64, count: Int) throws(StorageError) -> [UInt8] {
        guard offset < size, count > 0 else { return [] }
        var bytes = [UInt8](repeating: 0, count: Int(min(UInt64(count), size - offset)))
        let done = try Self.read(file, at: offset, into: &bytes)
        bytes.removeLast(bytes.count - done)
        return bytes
    }

    /// Fills `buffer` from `offset` (fewer bytes only at the end of the file); returns how many were read.
    private static func read(_ file: RandomAccessFile, at offset: UInt64, into buffer: inout [UInt8]) throws(StorageError) -> Int {
        let outcome = buffer.withUnsafeMutableBytes { buffer -> Result<Int, StorageError> in
            do throws(StorageError) { return .success(try file.read(at: offset, into: buffer)) } catch { return .failure(error) }
        }
        return try outcome.get()
    }

    /// Closes the handle: later reads fail, and the client answers `absent`.
    public func close() { file.close() }

    public static func == (a: LocalFile, b: LocalFile) -> Bool { a.path == b.path && a.size == b.size && a.sha256 == b.sha256 }
    public func hash(into hasher: inout Hasher) { hasher.combine(path); hasher.combine(size); hasher.combine(sha256) }

    public var description: String { "\(path) (\(size) B)" }
}
