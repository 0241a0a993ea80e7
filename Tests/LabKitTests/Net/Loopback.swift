import LabKit

/// Real sockets on 127.0.0.1 for the Net tests, with every wait bounded so a bug fails instead of hanging.
enum Loopback {
    /// 127.0.0.1 with port 0: bind here to get a free ephemeral port.
    static func anyPort() throws -> SocketAddress {
        try SocketAddress(host: "127.0.0.1", port: 0)
    }

    /// A connected pair of TCP connections over loopback: the client end and the server's accepted end.
    static func connectedPair() async throws -> (client: TCPConnection, server: TCPConnection) {
        let listener = try TCPListener.bind(anyPort())
        defer { listener.close() }
        async let accepted = listener.accept(timeout: .seconds(60))
        let client = try await TCPConnection.connect(to: listener.localAddress, timeout: .seconds(60))
        return (client, try await accepted)
    }

    /// Runs `work`, failing with `DeadlineExceeded` instead of hanging when it takes longer than `limit`.
    @discardableResult
    static func bounded<T: Sendable>(_ limit: Duration = .seconds(60), _ work: @escaping @Sendable () async throws -> T) async throws -> T {
        try await withDeadline(limit, work)
    }

    /// Returns once `waiting()` reports at least `count` operations suspended in the reactor, so a test can
    /// cancel or close exactly then. Yields while it waits; fails after 60 s instead of hanging.
    static func untilWaiting(_ count: Int = 1, _ waiting: () -> Int) async throws {
        let giveUp = ContinuousClock.now.advanced(by: .seconds(60))
        while waiting() < count {
            guard ContinuousClock.now < giveUp else { throw NetError.timedOut(operation: "untilWaiting", after: .seconds(60)) }
            await Task.yield()
        }
    }

    /// Reads until end of file, `limit` bytes at most.
    static func readAll(_ connection: TCPConnection, limit: Int = 1 << 26) async throws -> [UInt8] {
        var all: [UInt8] = []
        while all.count <= limit {
            let bytes = try await connection.read(maxBytes: 1 << 16, timeout: .seconds(60))
            if bytes.isEmpty { return all }
            all += bytes
        }
        return all
    }

    /// `count` pseudo-random bytes from a fixed seed, so every run sends the same data.
    static func pattern(_ count: Int, seed: UInt64 = 0x9E37_79B9_7F4A_7C15) -> [UInt8] {
        var state = seed
        return (0..<count).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: state >> 33)
        }
    }
}
