import MessagingKit

/// Lab 4 — messaging, phase 4: the whole system, graded end to end. Three processors and three stores of the
/// types under test serve the given ``Bob`` (and Carol, another Bob) writing to the given ``Alice``; every
/// invariant of both services and of the conversation is checked after every event (``ConversationOracle``).
enum ConversationScenarios {
    static let exercises: [LabDescriptor.Exercise] = [
        .init(id: "12.1", title: "The whole system: every line shown once, in order, soon after any server dies; only ciphertext at rest"),
    ]

    /// The earlier exercises the whole system runs: all but key generation (the service's key is given).
    static let needs = ["3.1", "3.2", "4.1", "4.2", "5.1", "6.1", "7.1", "8.1", "9.1", "10.1", "10.2", "11.1"]

    /// How long after Bob types a line Alice must show it in `messaging.12.1-failover-bound`, whichever single
    /// server dies: twice the reference's worst over 2,000 seeds (7.5 s; see `exercises/messaging.md`, step 12).
    static let failoverLimit: Duration = .seconds(15)

    /// The phase's scenarios, bound to `Processor`, `Store`, and `Toolkit`, the phase-1 RSA the processors run.
    static func scenarios<Processor: ProcessorNode, Store: PersistenceStoreNode, Toolkit: RSAToolkit>(
        _: Processor.Type, _: Store.Type, rsa _: Toolkit.Type
    ) -> [Scenario] {
        [
            Scenario(id: "messaging.12.1-end-to-end", lab: "messaging", exercise: "12.1", points: 6, seeds: 200, needs: needs,
                     summary: "3 processors, 3 stores, Bob and Carol typing to Alice over loss, copies and reordering; the processing leader crashes and returns, the store inside the critical section is cut off with Alice and healed, a store crashes and returns: after every event both services' invariants hold, Alice shows only lines typed, each once, each writer's in order, and no store holds a plaintext; once calm, Alice shows every line") { seed in
                try endToEnd(Processor.self, Store.self, rsa: Toolkit.self, seed: seed)
            },
            Scenario(id: "messaging.12.1-failover-bound", lab: "messaging", exercise: "12.1", points: 4, seeds: 200, needs: needs,
                     summary: "Bob types a line every 0.3–1 s over loss and copies while the processing leader dies (and returns), then any one store dies for good: Alice shows every line within \(failoverLimit) of its typing, checked after every event, with every check of the end-to-end scenario") { seed in
                try failoverBound(Processor.self, Store.self, rsa: Toolkit.self, seed: seed)
            },
        ]
    }

    // MARK: Fixtures

    typealias Sim = Simulation<MessagingMessage, MessagingEvent>

    /// A simulation of `seed` whose network loses and copies messages, each at a rate drawn from 0…`faults`, and
    /// delays each by 1 ms to a maximum drawn from `delay` (in milliseconds), so that they arrive out of order.
    static func simulation(seed: UInt64, faults: Double, delay: ClosedRange<Int>, _ random: inout SeededRandom) -> Sim {
        Sim(seed: seed, faults: FaultPlan(dropRate: .random(in: 0...faults, using: &random), duplicateRate: .random(in: 0...faults, using: &random),
                                          delay: .milliseconds(1)...ProcessingScenarios.time(delay, &random)))
    }

    /// The system under test in `sim`: processors `p1`…`p3` and stores `s1`…`s3` of the types under test, a
    /// ``Bob`` for each script typing its lines at their times, and Alice; with its oracle.
    static func conversation<Processor: ProcessorNode, Store: PersistenceStoreNode>(
        _: Processor.Type, _: Store.Type, rsa: any RSAToolkit.Type, in sim: Sim,
        scripts: [(writer: NodeID, lines: [(text: [UInt8], at: Duration)])], bound: Duration? = nil
    ) throws(ScenarioFailure) -> ConversationOracle<Processor, Store> {
        let key = try ProcessingScenarios.aliceKey()
        let processors = ProcessingScenarios.addProcessors(Processor.self, to: sim, count: 3, key: key)
        let stores = PersistenceScenarios.addStores(Store.self, to: sim, count: 3)
        let config = UserConfig(processors: processors.map(\.id), stores: stores.map(\.id))
        let writers = scripts.map { script in (writer: sim.add(script.writer) { Bob(config: config) }, lines: script.lines) }
        let alice = sim.add("alice") { Alice(config: config) }
        return ConversationOracle(sim, processing: ProcessingOracle(sim, processors: processors, key: key, rsa: rsa),
                                  persistence: StoreOracle(sim, stores: stores), alice: alice, scripts: writers, bound: bound)
    }

    /// `count` lines `writer` types, the first at `start`, then one every `gap` milliseconds: "bob 3: meet me by
    /// the river", each different, of 12–60 bytes (Alice's 1,024-bit key encrypts up to 62).
    static func lines(of writer: String, count: Int, from start: Duration, gap: ClosedRange<Int>,
                      _ random: inout SeededRandom) -> [(text: [UInt8], at: Duration)] {
        let words = ["meet", "me", "by", "the", "river", "at", "noon", "bring", "keys", "train", "is", "late", "see", "you",
                     "soon", "call", "tonight", "lunch", "on", "Friday", "ok", "thanks", "Alice"]
        var at = start
        return (1...count).map { number in
            var text = "\(writer) \(number):"
            for _ in 0..<Int.random(in: 2...8, using: &random) {
                let word = words[Int.random(in: 0..<words.count, using: &random)]
                guard text.utf8.count + 1 + word.utf8.count <= 60 else { break }
                text += " " + word
            }
            defer { at += ProcessingScenarios.time(gap, &random) }
            return (Array(text.utf8), at)
        }
    }

    /// The processor leading the highest term now, if any runs.
    static func leader<Processor, Store>(_ oracle: ConversationOracle<Processor, Store>) -> NodeID? {
        oracle.processing.leaders().max { $0.term < $1.term }?.node
    }

    /// Ends every fault: heals the network, restarts every server that is down (save `keptDown`), and leaves
    /// only short delays.
    static func calm<Processor, Store>(_ oracle: ConversationOracle<Processor, Store>, keptDown: NodeID? = nil) {
        let sim = oracle.sim
        sim.heal()
        sim.faults = FaultPlan(delay: .milliseconds(1)...(.milliseconds(10)))
        for server in oracle.processing.processors.map(\.id) + oracle.persistence.stores.map(\.id) where server != keptDown && !sim.isUp(server) {
            sim.restart(server)
        }
    }
}
