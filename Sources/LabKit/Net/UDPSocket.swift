#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A bound UDP socket: sends and receives whole datagrams, which may be lost, duplicated or reordered.
///
/// ```swift
/// let socket = try UDPSocket.bind(SocketAddress(host: "127.0.0.1", port: 0))   // any free port
/// try socket.send(Array("hello".utf8), to: peer)
/// let (bytes, sender) = try await socket.receive()
/// ```
/// Its receive buffer is raised to 4 MiB, because loopback bursts overflow the default and drop datagrams.
public final class UDPSocket: Sendable {
    private let descriptor: SocketDescriptor
    /// The address this socket is bound to, with the actual port when it was bound to port 0.
    public let localAddress: SocketAddress

    private init(descriptor: SocketDescriptor, localAddress: SocketAddress) {
        self.descriptor = descriptor
        self.localAddress = localAddress
    }

    /// A socket bound to `address`; port 0 picks a free ephemeral port (read it from `localAddress`).
    public static func bind(_ address: SocketAddress) throws(NetError) -> UDPSocket {
        let descriptor = SocketDescriptor(try Platform.makeSocket(family: address.family, type: Platform.datagramType))
        do {
            let local = try descriptor.withDescriptor { fd throws(NetError) in
                try Platform.setOption(fd, SOL_SOCKET, SO_RCVBUF, Platform.datagramReceiveBuffer, name: "SO_RCVBUF")
                try Platform.bindSocket(fd, to: address)
                return try SocketAddress.local(of: fd)
            }
            return UDPSocket(descriptor: descriptor, localAddress: local)
        } catch {
            descriptor.close()
            throw error
        }
    }

    /// Sends `bytes` as one datagram to `address` without waiting.
    ///
    /// If the send buffer is full the datagram is dropped silently, as the network itself may drop it:
    /// UDP protocols must tolerate loss anyway.
    public func send(_ bytes: [UInt8], to address: SocketAddress) throws(NetError) {
        let code = try descriptor.withDescriptor { fd throws(NetError) in
            try address.withSockAddr { raw, length in
                bytes.withUnsafeBytes { buffer in
                    sendto(fd, buffer.baseAddress, buffer.count, Platform.sendFlags, raw, length) >= 0 ? 0 : errno
                }
            }
        }
        switch code {
        case 0: return
        case EAGAIN, EWOULDBLOCK, ENOBUFS, ECONNREFUSED, EINTR: return  // dropped: UDP is lossy by contract
        case EMSGSIZE: throw .datagramTooLarge(bytes: bytes.count)
        default: throw .system(call: "sendto", errno: code)
        }
    }

    /// Waits for the next datagram and returns its bytes (at most `maxSize`; the rest of a longer one is
    /// discarded) and its sender. Cancelling the task ends the wait with `CancellationError`;
    /// `timeout`, when given, ends it with `NetError.timedOut`.
    public func receive(maxSize: Int = 65_536, timeout: Duration? = nil) async throws -> (bytes: [UInt8], from: SocketAddress) {
        precondition(maxSize > 0, "receive needs room for at least one byte, not \(maxSize)")
        let deadline = IODeadline(operation: "receive", timeout: timeout)
        return try await descriptor.perform(.readable, until: deadline) { fd throws(NetError) in
            try withUnsafeTemporaryAllocation(byteCount: maxSize, alignment: 1) { buffer throws(NetError) in
                try Self.receiveOne(fd, into: buffer)
            }
        }
    }

    /// How many operations on this socket are suspended waiting for the socket. A test hook: it lets a test
    /// close or cancel while an operation is really waiting, without sleeping.
    package var waitingOperations: Int { descriptor.waiterCount }

    /// Closes the socket; a pending `receive` fails with `NetError.socketClosed`. Safe to call twice.
    public func close() {
        descriptor.close()
    }

    /// One non-blocking `recvfrom`: the datagram and its sender, or `nil` when none is waiting.
    private static func receiveOne(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer) throws(NetError) -> (bytes: [UInt8], from: SocketAddress)? {
        while true {
            var count = 0
            let (_, sender) = SocketAddress.filled { raw, length in
                count = recvfrom(fd, buffer.baseAddress, buffer.count, 0, raw, length)
                return Int32(clamping: count)
            }
            if count >= 0, let sender { return (Array(UnsafeRawBufferPointer(rebasing: buffer[..<count])), sender) }
            if count >= 0 { continue }  // a datagram from a family we do not speak: skip it
            switch errno {
            case EINTR, ECONNREFUSED: continue  // ECONNREFUSED: an ICMP error for an earlier send, not this receive
            case EAGAIN, EWOULDBLOCK: return nil
            case let code: throw .system(call: "recvfrom", errno: code)
            }
        }
    }
}
