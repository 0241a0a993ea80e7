import MessagingKit

extension ConversationScenarios {
    /// Exercise 12.1, safety: Bob and Carol type to Alice while the processing leader crashes and returns, the
    /// store inside the critical section is cut off with Alice (and maybe a processor) and healed, and a store
    /// crashes and returns; every invariant after every event, and once calm every line shown.
    ///
    /// The cut-off store may hold an entry no other store has: if Alice were shown it, a later holder could
    /// write another writer's line at that place, and she would show one line twice and never the other.
    static func endToEnd<Processor: ProcessorNode, Store: PersistenceStoreNode>(
        _: Processor.Type, _: Store.Type, rsa: any RSAToolkit.Type, seed: UInt64
    ) throws(ScenarioFailure) {
        var random = SeededRandom(seed: seed, stream: "script")
        let sim = simulation(seed: seed, faults: 0.1, delay: 5...30, &random), time = ProcessingScenarios.time
        let scripts = [(writer: NodeID("bob"), lines: lines(of: "bob", count: 16, from: time(300...800, &random), gap: 150...1_000, &random)),
                       (writer: NodeID("carol"), lines: lines(of: "carol", count: 8, from: time(300...800, &random), gap: 300...2_000, &random))]
        let oracle = try conversation(Processor.self, Store.self, rsa: rsa, in: sim, scripts: scripts)
        let processors = oracle.processing.processors.map(\.id), stores = oracle.persistence.stores

        // The processing leader crashes mid-stream, and returns.
        try oracle.run(deadline: time(1_500...3_500, &random))
        if let leader = leader(oracle) {
            sim.crash(leader)
            sim.schedule(at: sim.now + time(1_000...3_000, &random)) { $0.restart(leader) }
        }

        // The store inside the critical section (any store, if none enters soon) is cut off with Alice, and
        // maybe a processor, for longer than a lease: the others go on without it.
        try oracle.run(deadline: time(4_000...6_000, &random))
        try oracle.run(until: { sim in stores.contains { sim.state(of: $0)?.inCriticalSection == true } }, deadline: sim.now + .seconds(2))
        let inside = stores.first { sim.state(of: $0)?.inCriticalSection == true }?.id
        let cut = inside ?? stores[Int.random(in: 0..<stores.count, using: &random)].id
        let processor = processors[Int.random(in: 0..<processors.count, using: &random)], withProcessor = Bool.random(using: &random)
        sim.partition([[cut, oracle.alice] + (withProcessor ? [processor] : [])])
        let heal = sim.now + time(2_500...4_500, &random)
        sim.schedule(at: heal) { $0.heal() }

        // Later a store crashes, and returns.
        let victim = stores[Int.random(in: 0..<stores.count, using: &random)].id
        let crash = heal + time(500...2_000, &random), back = crash + time(1_000...3_000, &random)
        sim.schedule(at: crash) { $0.crash(victim) }
        sim.schedule(at: back) { $0.restart(victim) }
        try oracle.run(deadline: back + .seconds(1))

        calm(oracle)
        try oracle.awaitEveryLine(within: .seconds(30), since: "the end of the faults, at \(sim.now)")
    }

    /// Exercise 12.1, liveness in bounded time: Bob types steadily while the processing leader dies (and returns),
    /// then one store, chosen at random, dies for good. Every line must be shown within ``failoverLimit`` of
    /// being typed, checked after every event beside every invariant of the end-to-end scenario.
    static func failoverBound<Processor: ProcessorNode, Store: PersistenceStoreNode>(
        _: Processor.Type, _: Store.Type, rsa: any RSAToolkit.Type, seed: UInt64
    ) throws(ScenarioFailure) {
        var random = SeededRandom(seed: seed, stream: "script")
        let sim = simulation(seed: seed, faults: 0.05, delay: 5...20, &random), time = ProcessingScenarios.time
        let script = lines(of: "bob", count: 20, from: .milliseconds(2_500), gap: 300...1_000, &random)
        let oracle = try conversation(Processor.self, Store.self, rsa: rsa, in: sim, scripts: [(writer: "bob", lines: script)], bound: failoverLimit)
        let stores = oracle.persistence.stores

        // The processing leader dies, and returns.
        try oracle.run(deadline: time(3_500...5_500, &random))
        if let leader = leader(oracle) {
            sim.crash(leader)
            sim.schedule(at: sim.now + time(2_000...3_000, &random)) { $0.restart(leader) }
        }

        // Once it is back, any one store dies for good.
        try oracle.run(deadline: sim.now + time(4_000...6_000, &random))
        let victim = stores[Int.random(in: 0..<stores.count, using: &random)].id
        sim.crash(victim)
        try oracle.run(deadline: max(sim.now, script.last?.at ?? .zero) + .seconds(1))

        calm(oracle, keptDown: victim)
        try oracle.awaitEveryLine(within: failoverLimit * 2, since: "the last line's typing")
    }
}
