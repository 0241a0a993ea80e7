#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One end of a TCP byte stream: connect to a server, or get one from `TCPListener.accept()`.
///
/// ```swift
/// let connection = try await TCPConnection.connect(to: SocketAddress.parse("127.0.0.1:9000"))
/// try await connection.write(Array("hello".utf8))
/// let reply = try await connection.read(maxBytes: 4096)   // [] means the peer closed the stream
/// ```
/// TCP delivers a stream, not messages: a read may return part of a write or several writes glued
/// together. Use `writeFrame` / `readFrame` to exchange whole messages. `TCP_NODELAY` is set, so small
/// frames leave at once. Use one reading task and one writing task at a time: two concurrent writes may
/// interleave their bytes.
public final class TCPConnection: Sendable {
    let descriptor: SocketDescriptor
    /// This end's address.
    public let localAddress: SocketAddress
    /// The peer's address.
    public let remoteAddress: SocketAddress

    init(descriptor: SocketDescriptor, localAddress: SocketAddress, remoteAddress: SocketAddress) {
        self.descriptor = descriptor
        self.localAddress = localAddress
        self.remoteAddress = remoteAddress
    }

    /// Connects to `address`, failing with `connectionRefused` when nothing listens there and with
    /// `timedOut` when no answer comes within `timeout` (an unreachable host or a full server).
    public static func connect(to address: SocketAddress, timeout: Duration = .seconds(5)) async throws -> TCPConnection {
        let descriptor = SocketDescriptor(try Platform.makeSocket(family: address.family, type: Platform.streamType))
        do {
            let deadline = IODeadline(operation: "connect to \(address)", timeout: timeout)
            var started = false
            return try await descriptor.perform(.writable, until: deadline) { fd throws(NetError) -> TCPConnection? in
                if !started {
                    started = true
                    try Platform.disableNagle(fd)
                    let code = Platform.startConnect(fd, to: address)
                    guard code == 0 else {
                        if code == EINPROGRESS || code == EINTR { return nil }
                        throw Self.connectError(code, address)
                    }
                } else {
                    let code = Platform.pendingError(fd)
                    guard code == 0 else { throw Self.connectError(code, address) }
                }
                let remote: SocketAddress
                do throws(NetError) {
                    remote = try SocketAddress.remote(of: fd)
                } catch {
                    if error == .system(call: "getpeername", errno: ENOTCONN) { return nil }  // woken before the handshake finished
                    throw error
                }
                return TCPConnection(descriptor: descriptor, localAddress: try .local(of: fd), remoteAddress: remote)
            }
        } catch {
            descriptor.close()
            throw error
        }
    }

    /// Sends all of `bytes`, waiting whenever the socket's send buffer is full; `timeout`, when given, bounds
    /// the whole write (`NetError.timedOut`), so a peer that stops reading cannot hold the writer forever.
    public func write(_ bytes: [UInt8], timeout: Duration? = nil) async throws {
        var offset = 0
        try await descriptor.perform(.writable, until: IODeadline(operation: "write", timeout: timeout)) { fd throws(NetError) -> Void? in
            let code = bytes.withUnsafeBytes { Self.sendSome(fd, $0, from: &offset) }
            return try Self.writeOutcome(code)
        }
    }

    /// Sends all of `buffer`, waiting whenever the socket's send buffer is full. `buffer` must stay valid
    /// until this returns; this variant avoids copying large buffers into an array.
    public func write(_ buffer: UnsafeRawBufferPointer) async throws {
        var offset = 0
        try await descriptor.perform(.writable) { fd throws(NetError) -> Void? in
            try Self.writeOutcome(Self.sendSome(fd, buffer, from: &offset))
        }
    }

    /// Reads whatever has arrived, up to `maxBytes`, waiting for at least one byte.
    /// Returns `[]` when the peer closed the stream (a clean end of file).
    public func read(maxBytes: Int, timeout: Duration? = nil) async throws -> [UInt8] {
        precondition(maxBytes > 0, "read needs room for at least one byte, not \(maxBytes)")
        var bytes = [UInt8](repeating: 0, count: maxBytes)
        let count = try await descriptor.perform(.readable, until: IODeadline(operation: "read", timeout: timeout)) { fd throws(NetError) in
            try Self.readOutcome(bytes.withUnsafeMutableBytes { Self.receiveSome(fd, into: $0) })
        }
        guard count >= maxBytes / 2 else { return Array(bytes[..<count]) }  // do not keep a mostly empty buffer alive
        bytes.removeLast(maxBytes - count)
        return bytes
    }

    /// Reads whatever has arrived into `buffer`, waiting for at least one byte; returns how many bytes were
    /// read, 0 when the peer closed the stream. `buffer` must stay valid until this returns.
    public func read(into buffer: UnsafeMutableRawBufferPointer, timeout: Duration? = nil) async throws -> Int {
        try await receive(into: buffer, until: IODeadline(operation: "read", timeout: timeout))
    }

    /// Half-closes the stream: the peer reads end of file after the bytes already sent, and can still reply.
    public func shutdownWrite() throws(NetError) {
        try descriptor.withDescriptor { fd throws(NetError) in
            guard shutdown(fd, Platform.shutdownWrite) == 0 else { throw Self.streamError(errno, call: "shutdown") }
        }
    }

    /// How many operations on this connection are suspended waiting for the socket. A test hook: it lets a test
    /// close or cancel while an operation is really waiting, without sleeping.
    package var waitingOperations: Int { descriptor.waiterCount }

    /// Closes the connection; pending reads and writes fail with `NetError.socketClosed`. Safe to call twice.
    public func close() {
        descriptor.close()
    }
}

extension TCPConnection {
    /// Whether the peer has hung up (its end of the stream is closed or reset) with nothing left unread: a
    /// non-blocking peek, for deciding whether an old connection is really gone before it is read to its end.
    package var peerHasHungUp: Bool {
        (try? descriptor.withDescriptor { fd throws(NetError) in
            var byte: UInt8 = 0
            let count = recv(fd, &byte, 1, Int32(MSG_PEEK | MSG_DONTWAIT))
            return count == 0 || (count < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
        }) ?? true
    }
}
