/// A loopback TCP port nothing listens on now, for a process started next (a demo's servers must know each
/// other's addresses before any of them runs).
package enum FreePort {
    package static func loopback() throws -> UInt16 {
        let listener = try TCPListener.bind(SocketAddress.parse("127.0.0.1:0"))
        defer { listener.close() }
        return listener.localAddress.port
    }
}
