#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A listening TCP socket: a server binds one, then accepts a `TCPConnection` per client.
///
/// ```swift
/// let listener = try TCPListener.bind(SocketAddress.parse("0.0.0.0:9000"))
/// while true {
///     let client = try await listener.accept()
///     Task { try await serve(client) }
/// }
/// ```
public final class TCPListener: Sendable {
    private let descriptor: SocketDescriptor
    /// The address being listened on, with the actual port when bound to port 0.
    public let localAddress: SocketAddress

    private init(descriptor: SocketDescriptor, localAddress: SocketAddress) {
        self.descriptor = descriptor
        self.localAddress = localAddress
    }

    /// Listens on `address` (port 0 picks a free port). `SO_REUSEADDR` is set, so a restarted server can
    /// bind again at once; a port held by a running program still fails with `addressInUse`.
    public static func bind(_ address: SocketAddress, backlog: Int32 = 128) throws(NetError) -> TCPListener {
        let descriptor = SocketDescriptor(try Platform.makeSocket(family: address.family, type: Platform.streamType))
        do {
            let local = try descriptor.withDescriptor { fd throws(NetError) in
                try Platform.setOption(fd, SOL_SOCKET, SO_REUSEADDR, 1 as Int32, name: "SO_REUSEADDR")
                try Platform.bindSocket(fd, to: address)
                guard listen(fd, backlog) == 0 else {
                    throw errno == EADDRINUSE ? .addressInUse(address) : .system(call: "listen", errno: errno)
                }
                return try SocketAddress.local(of: fd)
            }
            return TCPListener(descriptor: descriptor, localAddress: local)
        } catch {
            descriptor.close()
            throw error
        }
    }

    /// Waits for the next client and returns its connection. Cancelling the task ends the wait with
    /// `CancellationError`; `timeout`, when given, ends it with `NetError.timedOut`.
    public func accept(timeout: Duration? = nil) async throws -> TCPConnection {
        let deadline = IODeadline(operation: "accept", timeout: timeout)
        return try await descriptor.perform(.readable, until: deadline) { fd throws(NetError) in
            try Self.acceptOne(fd)
        }
    }

    /// How many operations on this listener are suspended waiting for the socket. A test hook: it lets a test
    /// close or cancel while an operation is really waiting, without sleeping.
    package var waitingOperations: Int { descriptor.waiterCount }

    /// Stops listening; a pending `accept` fails with `NetError.socketClosed`. Safe to call twice.
    public func close() {
        descriptor.close()
    }

    /// One non-blocking `accept`: a configured connection, or `nil` when no client is waiting.
    private static func acceptOne(_ fd: Int32) throws(NetError) -> TCPConnection? {
        while true {
            switch Platform.acceptConnection(fd) {
            case let .success((client, peer)):
                let connection = SocketDescriptor(client)
                do throws(NetError) {
                    return try connection.withDescriptor { client throws(NetError) in
                        try Platform.configure(client)
                        try Platform.disableNagle(client)
                        let remote = if let peer { peer } else { try SocketAddress.remote(of: client) }
                        return TCPConnection(descriptor: connection, localAddress: try .local(of: client), remoteAddress: remote)
                    }
                } catch {
                    connection.close()
                    if error == .system(call: "getpeername", errno: ENOTCONN) { continue }  // the client already left
                    throw error
                }
            case let .failure(.system(_, code)) where Platform.wouldBlock(code):
                return nil
            case let .failure(.system(_, code)) where code == EINTR || code == ECONNABORTED || code == EPROTO:
                continue  // a client that gave up while queued, or a signal: try the next one
            case let .failure(error):
                throw error
            }
        }
    }
}
