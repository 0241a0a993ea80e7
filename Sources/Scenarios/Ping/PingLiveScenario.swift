import PingKit

extension PingScenarios {
    /// Server and client as real UDP nodes on loopback in this process; the client drops 20 % of what it
    /// sends, so real retries happen. Every ping must be answered with a plausible round trip.
    static func pingsOverRealUDP<Server: PingServerNode, Client: PingClientNode>(server: Server.Type, client: Client.Type, seed: UInt64) async throws {
        let loopback = try SocketAddress.parse("127.0.0.1:0")
        let serverShell = NodeShell(Server(), configuration: .init(id: "server", listen: loopback)) { _ in }
        let serverAddress = try await serverShell.start()
        let config = PingClientConfig(server: "server", count: 8, timeout: .milliseconds(150), maxAttempts: 20, interval: .milliseconds(10))
        let outcomes = Lock<[PingEvent]>([])
        let (finished, finish) = AsyncStream<Void>.makeStream()
        let clientShell = NodeShell(Client(config: config), configuration: .init(
            id: "client", listen: loopback, peers: ["server": serverAddress],
            faults: FaultPlan(dropRate: 0.2), seed: seed)) { event in
            guard case let .output(outcome) = event else { return }
            if outcomes.withLock({ $0.append(outcome); return $0.count }) == Int(config.count) { finish.yield() }
        }
        // Whichever ends first: all outcomes in, or a node failing (a skeleton's todo) — never a long wait.
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await serverShell.run() }
            group.addTask { try await clientShell.run() }
            group.addTask { _ = await finished.first { true } }
            defer { group.cancelAll() }
            do { try await group.next() } catch {
                await clientShell.stop()
                await serverShell.stop()
                throw error
            }
            await clientShell.stop()
            await serverShell.stop()
            try await group.waitForAll()
        }

        let events = outcomes.withLock { $0 }
        try expect(events.count == Int(config.count), "\(config.count) outcomes", observed: "\(events)")
        for event in events {
            guard case let .reply(seq, _, rtt) = event else {
                throw ScenarioFailure(.wrong(expected: "every ping answered over loopback", observed: "\(event)"))
            }
            try expect(rtt > .zero && rtt < .seconds(1), "ping \(seq)'s round trip between 0 and 1 s on loopback", observed: "\(rtt)")
        }
    }
}
