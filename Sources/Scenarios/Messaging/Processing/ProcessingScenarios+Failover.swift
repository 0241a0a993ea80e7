import MessagingKit

extension ProcessingScenarios {
    /// Exercise 8.1: the leader (p3) crashes; a new leader must lead within 2 s; a forged claim from p1 is
    /// refused; p3 returns and, as the highest, leads again, with no two leaders of one term at any moment.
    static func election<Processor: ProcessorNode>(_: Processor.Type, rsa: any RSAToolkit.Type, seed: UInt64) throws(ScenarioFailure) {
        var random = SeededRandom(seed: seed, stream: "script")
        let sim = Sim(seed: seed, faults: FaultPlan(dropRate: .random(in: 0...0.1, using: &random), duplicateRate: .random(in: 0...0.1, using: &random),
                                                    delay: .milliseconds(1)...time(5...20, &random)))
        let key = try aliceKey()
        let processors = addProcessors(Processor.self, to: sim, count: 3, key: key)
        let oracle = ProcessingOracle(sim, processors: processors, key: key, rsa: rsa)
        let bob = sim.add("bob") { ProcessingClient(replicas: processors.map(\.id)) }
        try traffic(oracle, [bob], count: 6, gap: 200, &random)
        let crash = time(200...600, &random)
        try oracle.run(deadline: crash)
        sim.crash("p3")
        let newLeader = try oracle.run(until: { _ in oracle.leaders().contains { $0.node != "p3" } }, deadline: crash + .seconds(2))
        try expect(newLeader, "a new leader within 2 s of the leader p3's crash at \(crash)", observed: "none", trace: sim.trace)
        let term = oracle.leaders().first?.term ?? 0
        for _ in 0..<6 { sim.inject(.processing(.claim(term: term + 5, from: 0)), from: "p1", to: "p2") }  // some may be lost
        try oracle.run(deadline: sim.now + time(100...600, &random))
        sim.restart("p3")
        try awaitAnswers(oracle, [bob], within: .seconds(10), since: "p3 returned")
        let calm = try oracle.run(until: { _ in oracle.leaders().map(\.node) == ["p3"] }, deadline: sim.now + .seconds(3))
        try expect(calm, "p3, the highest processor, to lead alone within 3 s once back (bully)",
                   observed: "leaders: \(oracle.leaders().map { "\($0.node) (term \($0.term))" })", trace: sim.trace)
        let refused = sim.deliveries.contains { $0.node == "p2" && $0.output == .processing(.refusedClaim(claimant: "p1", term: term + 5, reason: .lowerRank)) }
        try expect(refused, "p2 to refuse p1's forged claim of term \(term + 5), reporting lowerRank", observed: "no such refusal", trace: sim.trace)
        try checkRoundTrips(oracle, bob)
    }

    /// Exercise 9.1: everything at once while two clients send: loss, copies, a partition that heals, one
    /// processor at a time crashing and returning.
    static func failover<Processor: ProcessorNode>(_: Processor.Type, rsa: any RSAToolkit.Type, seed: UInt64) throws(ScenarioFailure) {
        var random = SeededRandom(seed: seed, stream: "script")
        let sim = Sim(seed: seed, faults: FaultPlan(dropRate: .random(in: 0...0.15, using: &random), duplicateRate: .random(in: 0...0.15, using: &random),
                                                    delay: .milliseconds(1)...time(5...30, &random)))
        let key = try aliceKey()
        let processors = addProcessors(Processor.self, to: sim, count: 3, key: key)
        let names = processors.map(\.id)
        let oracle = ProcessingOracle(sim, processors: processors, key: key, rsa: rsa)
        let clients = ["bob", "alice"].map { name in sim.add(NodeID(name)) { ProcessingClient(replicas: names) } }
        try traffic(oracle, clients, count: 8, gap: 400, &random)
        var at = time(100...800, &random)
        while at < .seconds(3) {
            let victim = names[Int.random(in: 0..<names.count, using: &random)], back = at + time(300...1_500, &random)
            sim.schedule(at: at) { $0.crash(victim) }
            sim.schedule(at: back) { $0.restart(victim) }
            at = back + time(100...800, &random)
        }
        let shuffled = names.shuffled(using: &random), split = time(300...2_500, &random)
        sim.schedule(at: split) { $0.partition([[shuffled[0]], Array(shuffled[1...]) + ["bob", "alice"]]) }
        sim.schedule(at: split + time(300...1_500, &random)) { $0.heal() }
        try oracle.run(deadline: max(at, .seconds(4)))
        sim.heal()
        sim.faults = FaultPlan(delay: .milliseconds(1)...(.milliseconds(10)))
        for name in names where !sim.isUp(name) { sim.restart(name) }
        try awaitAnswers(oracle, clients, within: .seconds(10), since: "the faults stopped")
        decryptAll(oracle, clients)
        try awaitAnswers(oracle, clients, within: .seconds(10), since: "the decryptions were sent")
        for client in clients { try checkRoundTrips(oracle, client) }
        let total = oracle.answers.count
        let agreed = try oracle.run(until: { _ in processors.allSatisfy { Set(sim.state(of: $0)?.executed.map(\.request.key) ?? []).count >= total } },
                                    deadline: sim.now + .seconds(3))
        try expect(agreed, "every replica to have executed all \(total) requests within 3 s of the last answer",
                   observed: processors.map { "\($0.id): \(sim.state(of: $0)?.executed.count ?? 0)" }.joined(separator: ", "), trace: sim.trace)
    }
}
