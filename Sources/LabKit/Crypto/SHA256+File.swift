extension SHA256 {
    /// The SHA-256 of the whole file at `path`, read 1 MiB at a time so memory does not grow with the file:
    /// what `sha256sum` prints, for checking a download end to end.
    public static func hash(fileAt path: String) throws(StorageError) -> [UInt8] {
        let file = try RandomAccessFile.open(path, mode: .read)
        defer { file.close() }
        var hasher = SHA256()
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 64)
        defer { buffer.deallocate() }
        var offset: UInt64 = 0
        while true {
            let count = try file.read(at: offset, into: buffer)
            if count == 0 { return hasher.finalize() }
            hasher.update(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
            offset += UInt64(count)
        }
    }
}
