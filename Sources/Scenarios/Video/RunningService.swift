import VideoKit

/// A `ChunkService` a scenario started on loopback, whatever its responder type.
struct RunningService: Sendable {
    /// How downloaders reach it.
    let contact: PeerContact
    /// Stops it at once, as if its process were killed.
    let stop: @Sendable () -> Void
    /// Chunks it has sent in full so far.
    let chunksSent: @Sendable () -> Int
    private let task: Task<Void, Never>

    /// Starts a service named `peer` serving `library` with `Responder`.
    static func start<Responder: ChunkResponding>(_: Responder.Type, library: [String: LibraryEntry], peer: NodeID) throws -> RunningService {
        let service = try ChunkService<Responder>(library: library, listen: SocketAddress.parse("127.0.0.1:0"), idleTimeout: .seconds(30))
        return RunningService(contact: PeerContact(peer: peer, address: "\(service.localAddress!)"), stop: { service.stop() },
                              chunksSent: { service.statistics.chunksSent }, task: Task { await service.run() })
    }

    /// Stops the service and waits until it has closed everything.
    func shutdown() async {
        stop()
        await task.value
    }

    /// Runs `body` with `count` services (`seed-1`, `seed-2`, …) serving `library` with `responder` (the
    /// implementation's own, from exercise 3.1), shutting them all down afterwards.
    static func withSeeders<T: Sendable>(_ count: Int, serving responder: any ChunkResponding.Type, library: [String: LibraryEntry],
                                         _ body: ([RunningService]) async throws -> T) async throws -> T {
        let services = try (1...count).map { try start(responder, library: library, peer: NodeID("seed-\($0)")) }
        do {
            let value = try await body(services)
            for service in services { await service.shutdown() }
            return value
        } catch {
            for service in services { await service.shutdown() }
            throw error
        }
    }
}
