import LabKit
import Testing

@Suite(.timeLimit(.minutes(1))) struct TCPConnectionTests {
    @Test("bytes written on one end are read on the other, in both directions")
    func echo() async throws {
        let (client, server) = try await Loopback.connectedPair()
        defer { client.close(); server.close() }
        #expect(client.remoteAddress == server.localAddress)
        #expect(server.remoteAddress == client.localAddress)
        try await client.write(Array("hello".utf8))
        #expect(try await server.read(maxBytes: 100, timeout: .seconds(60)) == Array("hello".utf8))
        try await server.write(Array("world".utf8))
        #expect(try await client.read(maxBytes: 100, timeout: .seconds(60)) == Array("world".utf8))
    }

    @Test("IPv6 loopback connections work too")
    func ipv6() async throws {
        let listener = try TCPListener.bind(SocketAddress.parse("[::1]:0"))
        defer { listener.close() }
        async let accepted = listener.accept(timeout: .seconds(60))
        let client = try await TCPConnection.connect(to: listener.localAddress, timeout: .seconds(60))
        let server = try await accepted
        defer { client.close(); server.close() }
        try await client.write([42])
        #expect(try await server.read(maxBytes: 1, timeout: .seconds(60)) == [42])
        #expect(server.remoteAddress.isIPv6)
    }

    @Test("after shutdownWrite the peer reads a clean end of file, and can still reply")
    func halfClose() async throws {
        let (client, server) = try await Loopback.connectedPair()
        defer { client.close(); server.close() }
        try await client.write([1, 2, 3])
        try client.shutdownWrite()
        #expect(try await Loopback.readAll(server) == [1, 2, 3])
        try await server.write([4])
        #expect(try await client.read(maxBytes: 10, timeout: .seconds(60)) == [4])
    }

    @Test("connecting to a port nobody listens on fails with connectionRefused")
    func refused() async throws {
        let listener = try TCPListener.bind(Loopback.anyPort())
        let address = listener.localAddress
        listener.close()
        await #expect(throws: NetError.connectionRefused(address)) {
            _ = try await TCPConnection.connect(to: address, timeout: .seconds(60))
        }
    }

    @Test("connecting to a server whose accept queue is full times out")
    func connectTimeout() async throws {
        let listener = try TCPListener.bind(Loopback.anyPort(), backlog: 0)  // never accepts: the queue fills up
        defer { listener.close() }
        var held: [TCPConnection] = []
        defer { held.forEach { $0.close() } }
        var timedOut = false
        for _ in 0..<16 where !timedOut {
            do {
                held.append(try await TCPConnection.connect(to: listener.localAddress, timeout: .milliseconds(200)))
            } catch NetError.timedOut(let operation, let after) {
                #expect(operation == "connect to \(listener.localAddress)")
                #expect(after == .milliseconds(200))
                timedOut = true
            }
        }
        #expect(timedOut)
    }

    @Test("a read with a timeout and no data fails with timedOut, and the connection stays usable")
    func readTimeout() async throws {
        let (client, server) = try await Loopback.connectedPair()
        defer { client.close(); server.close() }
        await #expect(throws: NetError.timedOut(operation: "read", after: .milliseconds(100))) {
            _ = try await server.read(maxBytes: 10, timeout: .milliseconds(100))
        }
        try await client.write([7])
        #expect(try await server.read(maxBytes: 10, timeout: .seconds(60)) == [7])
    }

    @Test("cancelling a pending read ends it promptly, and the connection stays usable")
    func cancelRead() async throws {
        let (client, server) = try await Loopback.connectedPair()
        defer { client.close(); server.close() }
        let pending = Task { try await server.read(maxBytes: 10) }
        try await Loopback.untilWaiting { server.waitingOperations }
        pending.cancel()
        try await Loopback.bounded() {
            await #expect(throws: CancellationError.self) { _ = try await pending.value }
        }
        try await client.write([8])
        #expect(try await server.read(maxBytes: 10, timeout: .seconds(60)) == [8])
    }

    @Test("closing a connection wakes its pending read with socketClosed; closing twice is harmless")
    func closeWakesRead() async throws {
        let (client, server) = try await Loopback.connectedPair()
        defer { client.close() }
        let pending = Task { try await server.read(maxBytes: 10) }
        try await Loopback.untilWaiting { server.waitingOperations }
        server.close()
        server.close()
        try await Loopback.bounded() {
            await #expect(throws: NetError.socketClosed) { _ = try await pending.value }
        }
        await #expect(throws: NetError.socketClosed) { try await server.write([1]) }
    }

    @Test("the peer sees end of file when a connection is closed")
    func closeSendsEndOfFile() async throws {
        let (client, server) = try await Loopback.connectedPair()
        defer { server.close() }
        client.close()
        #expect(try await server.read(maxBytes: 10, timeout: .seconds(60)) == [])
    }

    // The next two catch a reactor that keeps a closed socket in a running poll (delaying FIN): reliably when
    // run alone, since other tests' socket activity also wakes the reactor and can hide the bug.
    @Test("closing a connection while a read waits still sends end of file to the peer at once")
    func closeWhileWaitingSendsEndOfFile() async throws {
        let (client, server) = try await Loopback.connectedPair()
        defer { client.close() }
        let peerRead = Task { try await client.read(maxBytes: 1, timeout: .seconds(60)) }
        let pending = Task { try await server.read(maxBytes: 1) }
        try await Loopback.untilWaiting { server.waitingOperations }
        try await Loopback.untilWaiting { client.waitingOperations }
        server.close()
        await #expect(throws: NetError.socketClosed) { _ = try await pending.value }
        #expect(try await peerRead.value == [])
    }

    @Test("closing a connection after cancelling its read still sends end of file to the peer at once")
    func closeAfterCancelSendsEndOfFile() async throws {
        let (client, server) = try await Loopback.connectedPair()
        defer { client.close() }
        let peerRead = Task { try await client.read(maxBytes: 1, timeout: .seconds(60)) }
        let pending = Task { try await server.read(maxBytes: 1) }
        try await Loopback.untilWaiting { server.waitingOperations }
        try await Loopback.untilWaiting { client.waitingOperations }
        pending.cancel()
        await #expect(throws: CancellationError.self) { _ = try await pending.value }
        server.close()
        #expect(try await peerRead.value == [])
    }

    @Test("writing to a peer that closed fails with a typed error and does not kill the process")
    func writeToClosedPeer() async throws {
        let (client, server) = try await Loopback.connectedPair()
        defer { client.close() }
        server.close()
        let chunk = [UInt8](repeating: 1, count: 64 << 10)
        await #expect {
            for _ in 0..<1000 { try await client.write(chunk) }
        } throws: { error in
            [NetError.connectionReset, .connectionClosed].contains(error as? NetError)
        }
    }
}
