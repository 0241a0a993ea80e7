import DepositKit

extension DepositScenarios {
    /// Exercise 3.3: alice and bob deposit 2–3 files each (k = 1–3) to 4–5 servers through loss and copies,
    /// while one server at a time crashes and restarts. The oracle checks every **ok** as it comes (k distinct
    /// holders, k durable records) and that no ok file is unreadable while fewer than k servers are down. Once
    /// the faults stop, a last deposit of each client must be ok.
    static func acknowledgesDurably<Server: DepositServerNode>(_ server: Server.Type, seed: UInt64) throws(ScenarioFailure) {
        var random = SeededRandom(seed: seed, stream: "script")
        let faults = FaultPlan(dropRate: Double.random(in: 0...0.15, using: &random), duplicateRate: Double.random(in: 0...0.15, using: &random),
                               delay: .milliseconds(1)...randomTime(5...40, &random))
        let sim = DepositSimulation(seed: seed, faults: faults)
        let servers = addServers(server, to: sim, count: Int.random(in: 4...5, using: &random), repairs: false)
        let oracle = DepositOracle(sim, servers: servers)
        let clients: [NodeID] = ["alice", "bob"]
        var counts: [NodeID: Int] = [:], handles: [NodeID: NodeHandle<DepositClient>] = [:]
        for client in clients {
            let handle = addClient(client, to: sim, servers: servers.shuffled(using: &random))
            handles[client] = handle
            let files = Int.random(in: 2...3, using: &random)
            counts[client] = files + 1
            for number in 1...files {
                let command = DepositCommand.deposit(name: "\(client)-\(number).dat", file: .generated(smallFile(&random)), replicas: Int.random(in: 1...3, using: &random))
                sim.schedule(at: randomTime(300...3_000, &random)) { $0.command(command, to: handle) }
            }
        }
        var at = randomTime(500...1_500, &random)
        for _ in 0..<2 {
            let victim = servers[Int.random(in: 0..<servers.count, using: &random)], back = at + randomTime(500...2_000, &random)
            sim.schedule(at: at) { $0.crash(victim) }
            sim.schedule(at: back) { $0.restart(victim) }
            at = back + randomTime(300...1_500, &random)
        }
        try oracle.run(until: { sim in clients.allSatisfy { finished($0, counts[$0]! - 1, in: sim) } }, deadline: .seconds(60))
        try oracle.run(until: max(sim.now, at) + .milliseconds(200))
        sim.faults = FaultPlan(delay: .milliseconds(1)...(.milliseconds(20)))
        for client in clients {
            sim.command(.deposit(name: "\(client)-last.dat", file: .generated(smallFile(&random)), replicas: 2), to: handles[client]!)
        }
        try oracle.run(until: { sim in clients.allSatisfy { finished($0, counts[$0]!, in: sim) } }, deadline: sim.now + .seconds(15))
        for client in clients {
            let last = outcomes(of: client, in: sim).last
            try expect(last?.command.isDeposit(named: "\(client)-last.dat") == true && last?.outcome == .ok,
                       "once every server is up and the network calm, \(client)'s deposit of \(client)-last.dat (k = 2) to be ok",
                       observed: last.map { "\($0.command): \($0.outcome)" } ?? "no outcome in 15 s", trace: sim.trace)
        }
        try oracle.run(until: sim.now + .seconds(1))
    }
}

extension DepositCommand {
    /// Whether this is a deposit of `name`.
    func isDeposit(named name: String) -> Bool {
        if case .deposit(name, _, _) = self { true } else { false }
    }
}
