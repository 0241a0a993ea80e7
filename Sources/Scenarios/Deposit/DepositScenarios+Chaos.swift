import DepositKit

extension DepositScenarios {
    /// Exercise 6.1, everything at once: 5 servers, loss, copies, reordering, a partition that heals, and one
    /// server at a time crashing and returning, while alice and bob deposit files (k = 2–3) and change counts.
    /// Every invariant holds after every event; once calm, every file has exactly k copies, every acknowledged
    /// file is recovered at its newest version, and a last deposit of each client is ok.
    static func survivesChaos<Server: DepositServerNode>(_ server: Server.Type, seed: UInt64) throws(ScenarioFailure) {
        var random = SeededRandom(seed: seed, stream: "script")
        let faults = FaultPlan(dropRate: Double.random(in: 0...0.2, using: &random), duplicateRate: Double.random(in: 0...0.2, using: &random),
                               delay: .milliseconds(1)...randomTime(10...50, &random))
        let sim = DepositSimulation(seed: seed, faults: faults)
        let servers = addServers(server, to: sim, count: 5, repairs: true)
        let oracle = DepositOracle(sim, servers: servers)
        var handles: [NodeID: NodeHandle<DepositClient>] = [:], counts: [NodeID: Int] = [:]
        for client in ["alice", "bob"] as [NodeID] {
            handles[client] = addClient(client, to: sim, servers: servers.shuffled(using: &random))
            let files = repairFiles(Int.random(in: 2...4, using: &random), &random)
            var commands: [DepositCommand] = files.map { .deposit(name: "\(client)-\($0.name)", file: .generated($0.file), replicas: $0.replicas) }
            for _ in 0..<Int.random(in: 1...2, using: &random) {
                let file = files[Int.random(in: 0..<files.count, using: &random)]
                commands.insert(.replicas(name: "\(client)-\(file.name)", replicas: Int.random(in: 2...3, using: &random)),
                                at: Int.random(in: 1...commands.count, using: &random))
            }
            counts[client] = commands.count
            for command in commands { sim.schedule(at: randomTime(300...6_000, &random)) { $0.command(command, to: handles[client]!) } }
        }
        var at = randomTime(500...1_500, &random)
        while at < .seconds(7) {
            let victim = servers[Int.random(in: 0..<servers.count, using: &random)], back = at + randomTime(500...2_500, &random)
            sim.schedule(at: at) { $0.crash(victim) }
            sim.schedule(at: back) { $0.restart(victim) }
            at = back + randomTime(200...1_500, &random)
        }
        let shuffled = servers.shuffled(using: &random), cut = Int.random(in: 1...2, using: &random)
        let split = randomTime(1_000...5_000, &random)
        sim.schedule(at: split) { $0.partition([Array(shuffled[..<cut]), Array(shuffled[cut...]) + ["alice", "bob"]]) }
        sim.schedule(at: split + randomTime(500...2_000, &random)) { $0.heal() }
        try oracle.run(until: max(at, .seconds(8)))
        sim.heal()
        sim.faults = FaultPlan(delay: .milliseconds(1)...(.milliseconds(20)))
        for name in servers where !sim.isUp(name) { sim.restart(name) }
        let calm = sim.now
        try oracle.run(until: { sim in counts.allSatisfy { finished($0.key, $0.value, in: sim) } }, deadline: calm + .seconds(40))
        guard try settle(sim, oracle, exact: true, deadline: sim.now + .seconds(20)) else {
            throw oracle.failure("once the faults stopped at \(time(calm)) and the clients were answered, exactly k copies of every current file and nothing else, within 20 s",
                                 observed: copyProblems(sim, oracle, exact: true) ?? "")
        }
        try recoverEverything(sim, oracle, &random)
        for (client, handle) in handles.sorted(by: { $0.key < $1.key }) {
            sim.command(.deposit(name: "\(client)-last.dat", file: .generated(smallFile(&random)), replicas: 2), to: handle)
            try oracle.run(until: { finished(client, counts[client]! + 1, in: $0) }, deadline: sim.now + .seconds(15))
            let last = outcomes(of: client, in: sim).last
            try expect(last?.command.isDeposit(named: "\(client)-last.dat") == true && last?.outcome == .ok,
                       "once calm, \(client)'s deposit of \(client)-last.dat (k = 2) to be ok",
                       observed: last.map { "\($0.command): \($0.outcome)" } ?? "no outcome in 15 s", trace: sim.trace)
        }
    }
}
