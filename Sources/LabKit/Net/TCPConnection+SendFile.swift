#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Sending file contents straight from the kernel's page cache, without copying them through the program.
extension TCPConnection {
    /// Sends `count` bytes of the open file `descriptor`, starting at `offset`, with `sendfile(2)`.
    ///
    /// The fast path for serving big files: the bytes never enter user memory. The file's own position is
    /// not moved. Throws `NetError.fileEnded` if the file is shorter than `offset + count`, and
    /// `NetError.timedOut` if `timeout` passes first (a peer that stopped reading).
    public func sendFile(descriptor file: Int32, offset: Int64, count: Int64, timeout: Duration? = nil) async throws {
        precondition(offset >= 0 && count >= 0, "sendFile needs a non-negative range, not offset \(offset) count \(count)")
        var position = offset
        let end = offset + count
        try await descriptor.perform(.writable, until: IODeadline(operation: "sendFile", timeout: timeout)) { socket throws(NetError) -> Void? in
            while position < end {
                let (sent, code) = Self.sendFileOnce(from: file, to: socket, at: position, count: end - position)
                position += sent
                if code == 0 {
                    if sent == 0 { throw .fileEnded(offset: position) }
                } else if Platform.wouldBlock(code) {
                    return nil
                } else if code != EINTR {
                    throw code == EBADF || code == EINVAL ? .system(call: "sendfile", errno: code)
                                                          : Self.streamError(code, call: "sendfile")
                }
            }
            return ()
        }
    }

    /// One `sendfile` call: how many bytes went out, and the errno (0 when the call succeeded).
    private static func sendFileOnce(from file: Int32, to socket: Int32, at position: Int64, count: Int64) -> (Int64, Int32) {
        #if canImport(Glibc)
        var offset = off_t(position)
        let sent = sendfile(socket, file, &offset, Int(min(count, 1 << 30)))
        return sent >= 0 ? (Int64(sent), 0) : (0, errno)
        #else
        var length = off_t(min(count, 1 << 30))
        let result = sendfile(file, socket, off_t(position), &length, nil, 0)
        return (Int64(length), result == 0 ? 0 : errno)  // Darwin reports partial progress even on EAGAIN
        #endif
    }
}
