#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The non-blocking system calls behind reads and writes, and how their errno values become `NetError`s.
extension TCPConnection {
    /// Reads into `buffer` until `deadline`; the shared body of the public reads and of `readFrame`.
    func receive(into buffer: UnsafeMutableRawBufferPointer, until deadline: IODeadline?) async throws -> Int {
        precondition(buffer.count > 0, "read needs room for at least one byte")
        return try await descriptor.perform(.readable, until: deadline) { fd throws(NetError) in
            try Self.readOutcome(Self.receiveSome(fd, into: buffer))
        }
    }

    /// One `recv`, retried after a signal: the byte count (0 at end of file), or minus the errno.
    static func receiveSome(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer) -> Int {
        while true {
            let count = recv(fd, buffer.baseAddress, buffer.count, 0)
            if count >= 0 { return count }
            if errno != EINTR { return -Int(errno) }
        }
    }

    /// The result of `receiveSome` for `perform`: the count, `nil` to wait for more, or the error.
    static func readOutcome(_ result: Int) throws(NetError) -> Int? {
        guard result < 0 else { return result }
        let code = Int32(-result)
        if Platform.wouldBlock(code) { return nil }
        throw streamError(code, call: "recv")
    }

    /// Sends from `buffer[offset...]` until all is sent (0) or the call fails (the errno, EAGAIN when full).
    static func sendSome(_ fd: Int32, _ buffer: UnsafeRawBufferPointer, from offset: inout Int) -> Int32 {
        while offset < buffer.count {
            let sent = send(fd, buffer.baseAddress! + offset, buffer.count - offset, Platform.sendFlags)
            if sent >= 0 {
                offset += sent
            } else if errno != EINTR {
                return errno
            }
        }
        return 0
    }

    /// The result of `sendSome` for `perform`: done, `nil` to wait for room, or the error.
    static func writeOutcome(_ code: Int32) throws(NetError) -> Void? {
        if code == 0 { return () }
        if Platform.wouldBlock(code) { return nil }
        throw streamError(code, call: "send")
    }

    /// The `NetError` for a failed read, write or shutdown on an established stream.
    static func streamError(_ code: Int32, call: String) -> NetError {
        switch code {
        case EPIPE, ENOTCONN: .connectionClosed
        case ECONNRESET: .connectionReset
        default: .system(call: call, errno: code)
        }
    }

    /// The `NetError` for a failed connect to `address`.
    static func connectError(_ code: Int32, _ address: SocketAddress) -> NetError {
        code == ECONNREFUSED ? .connectionRefused(address) : .system(call: "connect to \(address)", errno: code)
    }
}
