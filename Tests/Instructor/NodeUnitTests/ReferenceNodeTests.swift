import PingKit
import PingSolution
import Testing
import VideoKit
import VideoSolution

/// One step of a reference node at a time: call its handler with a fresh context and compare the effects it
/// asked for, no simulator and no sockets. (Instructor-only: it needs the reference solutions.)
@Suite struct ReferenceNodeTests {
    static func context<Message, Output>(_ id: NodeID, at now: Duration = .zero) -> NodeContext<Message, Output> {
        NodeContext(id: id, now: now, random: SeededRandom(seed: 1))
    }

    @Test("the ping server answers PING n/k with PONG n/k to its sender, and nothing else")
    func pingServerAnswers() throws {
        var server = PingServer()
        var ctx: PingContext = Self.context("server")
        try server.receive(.ping(seq: 3, attempt: 2), from: "client-1", &ctx)
        #expect(ctx.effects == [.send(.pong(seq: 3, attempt: 2), to: "client-1")])
    }

    @Test("the ping client's first step sends PING 1/1 and arms its timeout; a timeout resends the same ping")
    func pingClientRetries() throws {
        let config = PingClientConfig(server: "server", count: 2, timeout: .milliseconds(200))
        var client = PingClient(config: config)
        var start: PingContext = Self.context("client")
        try client.start(&start)
        #expect(start.effects == [.send(.ping(seq: 1, attempt: 1), to: "server"), .setTimer("timeout", after: .milliseconds(200))])
        var timeout: PingContext = Self.context("client", at: .milliseconds(200))
        try client.timerFired("timeout", &timeout)
        #expect(timeout.effects.filter { if case .log = $0 { false } else { true } }
            == [.send(.ping(seq: 1, attempt: 2), to: "server"), .setTimer("timeout", after: .milliseconds(200))])
    }

    @Test("the tracker answers a JOIN with JOINED and its ttl, and a HEARTBEAT from a stranger with UNKNOWN-PEER")
    func trackerJoins() throws {
        var tracker = Tracker(config: TrackerConfig(ttl: .seconds(6)))
        var join: VideoContext = Self.context("tracker")
        try tracker.receive(.join(address: "127.0.0.1:7001", files: []), from: "peer-1", &join)
        #expect(join.effects.filter { if case .send = $0 { true } else { false } } == [.send(.joined(ttl: .seconds(6)), to: "peer-1")])
        var stranger: VideoContext = Self.context("tracker", at: .seconds(1))
        try tracker.receive(.heartbeat, from: "peer-2", &stranger)
        #expect(stranger.effects == [.send(.unknownPeer, to: "peer-2")])
    }
}
