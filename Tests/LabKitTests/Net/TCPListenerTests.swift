import LabKit
import Testing

@Suite(.timeLimit(.minutes(1))) struct TCPListenerTests {
    @Test("a listener bound to port 0 gets a real port and accepts clients in turn")
    func accepts() async throws {
        let listener = try TCPListener.bind(Loopback.anyPort())
        defer { listener.close() }
        #expect(listener.localAddress.port != 0)
        for index in 0..<3 {
            async let accepted = listener.accept(timeout: .seconds(60))
            let client = try await TCPConnection.connect(to: listener.localAddress, timeout: .seconds(60))
            let server = try await accepted
            try await client.write([UInt8(index)])
            #expect(try await server.read(maxBytes: 1, timeout: .seconds(60)) == [UInt8(index)])
            client.close()
            server.close()
        }
    }

    @Test("binding a port that a listener holds fails with addressInUse")
    func addressInUse() throws {
        let first = try TCPListener.bind(Loopback.anyPort())
        defer { first.close() }
        #expect(throws: NetError.addressInUse(first.localAddress)) { try TCPListener.bind(first.localAddress) }
    }

    @Test("an accept with a timeout and no client fails with timedOut")
    func acceptTimeout() async throws {
        let listener = try TCPListener.bind(Loopback.anyPort())
        defer { listener.close() }
        await #expect(throws: NetError.timedOut(operation: "accept", after: .milliseconds(50))) {
            _ = try await listener.accept(timeout: .milliseconds(50))
        }
    }

    @Test("cancelling a pending accept ends it promptly with CancellationError")
    func cancelAccept() async throws {
        let listener = try TCPListener.bind(Loopback.anyPort())
        defer { listener.close() }
        let pending = Task { try await listener.accept() }
        try await Loopback.untilWaiting { listener.waitingOperations }
        pending.cancel()
        try await Loopback.bounded() {
            await #expect(throws: CancellationError.self) { _ = try await pending.value }
        }
    }

    @Test("closing a listener wakes its pending accept with socketClosed")
    func closeWakesAccept() async throws {
        let listener = try TCPListener.bind(Loopback.anyPort())
        let pending = Task { try await listener.accept() }
        try await Loopback.untilWaiting { listener.waitingOperations }
        listener.close()
        listener.close()
        try await Loopback.bounded() {
            await #expect(throws: NetError.socketClosed) { _ = try await pending.value }
        }
    }
}
