import LabKit
import Testing

@Suite(.timeLimit(.minutes(1))) struct UDPSocketTests {
    @Test("a datagram sent over loopback arrives whole, with its sender's address")
    func echo() async throws {
        let server = try UDPSocket.bind(Loopback.anyPort())
        let client = try UDPSocket.bind(Loopback.anyPort())
        defer { server.close(); client.close() }
        #expect(server.localAddress.port != 0)

        try client.send(Array("ping".utf8), to: server.localAddress)
        let (request, sender) = try await server.receive(timeout: .seconds(60))
        #expect(request == Array("ping".utf8))
        #expect(sender == client.localAddress)

        try server.send(Array("pong".utf8), to: sender)
        let (reply, from) = try await client.receive(timeout: .seconds(60))
        #expect(reply == Array("pong".utf8))
        #expect(from == server.localAddress)
    }

    @Test("a burst of 32 datagrams of 32 KiB is not dropped on loopback, thanks to the larger receive buffer")
    func burst() async throws {
        let server = try UDPSocket.bind(Loopback.anyPort())
        let client = try UDPSocket.bind(Loopback.anyPort())
        defer { server.close(); client.close() }
        let payload = Loopback.pattern(32 << 10)
        for index in 0..<32 { try client.send([UInt8(index)] + payload, to: server.localAddress) }
        var seen = Set<UInt8>()
        for _ in 0..<32 {
            let (bytes, _) = try await server.receive(timeout: .seconds(60))
            #expect(bytes.count == payload.count + 1)
            #expect(bytes.dropFirst().elementsEqual(payload))
            seen.insert(bytes[0])
        }
        #expect(seen.count == 32)
    }

    @Test("a datagram longer than maxSize is cut to maxSize")
    func truncation() async throws {
        let socket = try UDPSocket.bind(Loopback.anyPort())
        defer { socket.close() }
        try socket.send(Loopback.pattern(100), to: socket.localAddress)
        let (bytes, _) = try await socket.receive(maxSize: 10, timeout: .seconds(60))
        #expect(bytes == Array(Loopback.pattern(100).prefix(10)))
    }

    @Test("IPv6 loopback works too")
    func ipv6() async throws {
        let socket = try UDPSocket.bind(SocketAddress.parse("[::1]:0"))
        defer { socket.close() }
        try socket.send([1, 2, 3], to: socket.localAddress)
        let (bytes, from) = try await socket.receive(timeout: .seconds(60))
        #expect(bytes == [1, 2, 3])
        #expect(from.description == "[::1]:\(socket.localAddress.port)")
    }

    @Test("a datagram too large for UDP is a typed error")
    func tooLarge() throws {
        let socket = try UDPSocket.bind(Loopback.anyPort())
        defer { socket.close() }
        #expect(throws: NetError.datagramTooLarge(bytes: 70_000)) {
            try socket.send([UInt8](repeating: 0, count: 70_000), to: socket.localAddress)
        }
    }

    @Test("a receive with a timeout and no datagram fails with timedOut")
    func receiveTimeout() async throws {
        let socket = try UDPSocket.bind(Loopback.anyPort())
        defer { socket.close() }
        let start = ContinuousClock.now
        await #expect(throws: NetError.timedOut(operation: "receive", after: .milliseconds(100))) {
            _ = try await socket.receive(timeout: .milliseconds(100))
        }
        #expect(ContinuousClock.now - start >= .milliseconds(100))
    }

    @Test("cancelling a pending receive ends it promptly with CancellationError")
    func cancelReceive() async throws {
        let socket = try UDPSocket.bind(Loopback.anyPort())
        defer { socket.close() }
        let pending = Task { try await socket.receive() }
        try await Loopback.untilWaiting { socket.waitingOperations }
        pending.cancel()
        try await Loopback.bounded() {
            await #expect(throws: CancellationError.self) { _ = try await pending.value }
        }
    }

    @Test("closing the socket wakes a pending receive with socketClosed, and closing twice is harmless")
    func closeWakesReceive() async throws {
        let socket = try UDPSocket.bind(Loopback.anyPort())
        let pending = Task { try await socket.receive() }
        try await Loopback.untilWaiting { socket.waitingOperations }
        socket.close()
        socket.close()
        try await Loopback.bounded() {
            await #expect(throws: NetError.socketClosed) { _ = try await pending.value }
        }
        #expect(throws: NetError.socketClosed) { try socket.send([1], to: socket.localAddress) }
    }

    @Test("binding a UDP port that is taken fails with addressInUse")
    func addressInUse() throws {
        let first = try UDPSocket.bind(Loopback.anyPort())
        defer { first.close() }
        #expect(throws: NetError.addressInUse(first.localAddress)) { try UDPSocket.bind(first.localAddress) }
    }
}
