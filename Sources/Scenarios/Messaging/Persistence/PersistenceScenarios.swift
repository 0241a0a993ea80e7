import MessagingKit

/// Lab 4 — messaging, steps 10–11: the graded scenarios of the persistence service, each running the store
/// type under test in the simulator beside the given ``PersistenceClient``. No two stores inside the critical
/// section is checked after every event (``StoreOracle``), under loss, copies, reordering, crashes, restarts
/// and partitions that heal.
enum PersistenceScenarios {
    typealias StoreSimulation = Simulation<MessagingMessage, MessagingEvent>

    /// The scenarios, bound to `Store`.
    static func scenarios<Store: PersistenceStoreNode>(_: Store.Type) -> [Scenario] {
        [
            Scenario(id: "messaging.10.1-mutual-exclusion", lab: "messaging", exercise: "10.1", points: 4, seeds: 200, needs: ["10.2"],
                     summary: "3 stores, 3 clients appending RSA-OAEP ciphertexts and random bytes through different stores, with loss, copies and reordering: never two stores inside, every append answered, every store's log the same, each client's appends once and in order; oversized appends and a reused client id refused, typed") { seed in
                try mutualExclusion(Store.self, seed: seed)
            },
            Scenario(id: "messaging.10.2-costs", lab: "messaging", exercise: "10.2", points: 3, seeds: 200, needs: ["10.1"],
                     summary: "no fault, 3–5 stores, concurrent appends: every request enters, each entry costs exactly 2(N − 1) requests and replies, and N − 1 copies and acknowledgements") { seed in
                try costs(Store.self, seed: seed)
            },
            Scenario(id: "messaging.11.1-crash", lab: "messaging", exercise: "11.1", points: 4, seeds: 200, needs: ["10.1", "10.2"],
                     summary: "3 stores with loss and copies, one at a time crashing (for longer than the failure detector waits) and restarting, then one down for good while appends go on: never two inside, appends answered while it is down, and once calm every store up holds the same log with every append once") { seed in
                try crashes(Store.self, seed: seed)
            },
            Scenario(id: "messaging.11.1-partition", lab: "messaging", exercise: "11.1", points: 4, seeds: 200, needs: ["10.1", "10.2"],
                     summary: "3–5 stores cut in two (clients on both sides) while appends go on, then healed, with loss: never two inside though each side suspects the other, and once healed every store holds the same log with every append once") { seed in
                try partitions(Store.self, seed: seed)
            },
        ]
    }

    /// Stores `s1`…`sN` of type `Store`.
    static func addStores<Store: PersistenceStoreNode>(_: Store.Type, to sim: StoreSimulation, count: Int, maxEntryBytes: Int = 4 << 10) -> [NodeHandle<Store>] {
        let names = (1...count).map { NodeID("s\($0)") }
        let config = StoreConfig(stores: names, maxEntryBytes: maxEntryBytes)
        return names.map { name in sim.add(name) { Store(config: config) } }
    }

    /// A client's workload: what it appends, and to which mailbox.
    struct Workload {
        let name: NodeID
        let client: UInt64
        let mailbox: String
        let bytes: [[UInt8]]
        let handle: NodeHandle<PersistenceClient>
    }

    /// Clients that each append `count` ciphertexts (bob: the recorded RSA-OAEP ones first, then random bytes),
    /// starting with different stores, at random times in `window`.
    static func addClients(_ sim: StoreSimulation, stores: [NodeID], clients: Int, count: Int, window: ClosedRange<Int>,
                           _ random: inout SeededRandom) -> [Workload] {
        let mailboxes = ["alice", "dave", "erin"]
        return (0..<clients).map { index in
            let name = NodeID(["bob", "carol", "frank"][index])
            var bytes = index == 0 ? RecordedOpenSSL.cases.map { [UInt8](hexDigits: $0.ciphertext) } : []
            while bytes.count < count { bytes.append((0..<Int.random(in: 1...200, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }) }
            bytes = Array(bytes.prefix(count))
            let client = UInt64(index + 1) * 1_000 + UInt64.random(in: 0...999, using: &random)
            let handle = sim.add(name) { PersistenceClient(stores: stores, clientID: client, first: index) }
            let mailbox = mailboxes[Int.random(in: 0..<2, using: &random)]
            var at = Duration.milliseconds(Int.random(in: window, using: &random))
            for item in bytes {
                sim.schedule(at: at) { $0.command(.append(mailbox: mailbox, bytes: item), to: handle) }
                at += .milliseconds(Int.random(in: 0...150, using: &random))
            }
            return Workload(name: name, client: client, mailbox: mailbox, bytes: bytes, handle: handle)
        }
    }

    /// Runs until every client is answered (each answer `appended`), then checks the logs converged.
    static func finish<Store>(_ oracle: StoreOracle<Store>, _ work: [Workload], within limit: Duration) throws(ScenarioFailure) {
        let calm = oracle.sim.now
        try oracle.run(until: { _ in work.allSatisfy { oracle.answers($0.name).count >= $0.bytes.count } }, deadline: calm + limit)
        for load in work {
            let answers = oracle.answers(load.name)
            try expect(answers.count >= load.bytes.count && answers.allSatisfy { if case .appended = $0 { true } else { false } },
                       "each of \(load.name)'s \(load.bytes.count) appends answered 'appended' within \(limit) of \(calm)",
                       observed: "\(answers.count) answer(s): \(answers.map(\.description).joined(separator: ", "))", trace: oracle.sim.trace)
        }
        try oracle.run(deadline: oracle.sim.now + .seconds(2))
        try oracle.checkConverged(work.map { ($0.client, $0.mailbox, $0.bytes) }, since: calm)
    }

    static func mutualExclusion<Store: PersistenceStoreNode>(_: Store.Type, seed: UInt64) throws(ScenarioFailure) {
        var random = SeededRandom(seed: seed, stream: "script")
        let sim = StoreSimulation(seed: seed, faults: FaultPlan(dropRate: Double.random(in: 0...0.15, using: &random),
                                                                duplicateRate: Double.random(in: 0...0.1, using: &random),
                                                                delay: .milliseconds(1)...(.milliseconds(30))))
        let stores = addStores(Store.self, to: sim, count: 3, maxEntryBytes: 1_024)
        let oracle = StoreOracle(sim, stores: stores)
        let work = addClients(sim, stores: stores.map(\.id), clients: 3, count: 5, window: 2_200...2_600, &random)
        let rogue = sim.add("mallory") { PersistenceClient(stores: stores.map(\.id), clientID: work[0].client) }
        try oracle.run(deadline: .seconds(4))
        try finish(oracle, work, within: .seconds(20))
        sim.command(.append(mailbox: "alice", bytes: [1, 2, 3]), to: rogue)
        sim.command(.append(mailbox: "alice", bytes: [UInt8](repeating: 7, count: 1_025)), to: rogue)
        try oracle.run(until: { _ in oracle.answers("mallory").count >= 2 }, deadline: sim.now + .seconds(5))
        let refusals = oracle.answers("mallory").map(\.description)
        try expect(refusals.count == 2 && refusals[0].contains("another client") && refusals[1].contains("over the limit"),
                   "mallory's append under bob's client id refused (clientIDTaken), then her 1,025-byte append refused (tooLarge, limit 1,024, checked first)",
                   observed: refusals.joined(separator: "; "), trace: sim.trace)
        try badInput()
    }

    /// Garbage and oversized values are refused on decode with typed errors.
    static func badInput() throws(ScenarioFailure) {
        let oversized = PersistenceMessage.appendRequest(client: 1, request: 1, mailbox: "alice", bytes: [UInt8](repeating: 0, count: (16 << 10) + 1))
        for (bytes, what) in [([UInt8(99)], "an unknown tag"), (Array(oversized.encoded()), "a 16 KiB + 1 ciphertext"), ([UInt8(1), 1], "a cut append")] {
            do {
                _ = try PersistenceMessage.decode(bytes)
                throw ScenarioFailure(.wrong(expected: "\(what) refused on decode with a WireError", observed: "it decoded"))
            } catch let error as WireError { _ = error } catch { throw error as! ScenarioFailure }
        }
    }

    static func costs<Store: PersistenceStoreNode>(_: Store.Type, seed: UInt64) throws(ScenarioFailure) {
        var random = SeededRandom(seed: seed, stream: "script")
        let sim = StoreSimulation(seed: seed, faults: FaultPlan(delay: .milliseconds(1)...(.milliseconds(20))))
        let count = Int.random(in: 3...5, using: &random)
        let stores = addStores(Store.self, to: sim, count: count)
        let oracle = StoreOracle(sim, stores: stores)
        let work = addClients(sim, stores: stores.map(\.id), clients: 3, count: 4, window: 2_500...2_700, &random)
        try oracle.run(deadline: .milliseconds(2_500))
        try finish(oracle, work, within: .seconds(20))
        let entries = oracle.logs().first?.1.count ?? 0
        var counts: [String: Int] = [:]
        for record in sim.messages where record.event == .sent {
            guard case let .persistence(message) = record.message else { continue }
            switch message {
            case .request, .reply: counts["ra", default: 0] += 1
            case .append: counts["append", default: 0] += 1
            case .appendAck: counts["ack", default: 0] += 1
            default: break
            }
        }
        let n = count
        try expect(entries == work.reduce(0) { $0 + $1.bytes.count }, "one entry per append (\(work.reduce(0) { $0 + $1.bytes.count })) with no fault",
                   observed: "\(entries) entries", trace: sim.trace)
        try expect(counts["ra", default: 0] == 2 * (n - 1) * entries,
                   "exactly 2(N − 1) = \(2 * (n - 1)) requests and replies per entry on \(n) stores with no fault: \(2 * (n - 1) * entries) for \(entries) entries",
                   observed: "\(counts["ra", default: 0])", trace: sim.trace)
        try expect(counts["append", default: 0] == (n - 1) * entries && counts["ack", default: 0] == (n - 1) * entries,
                   "N − 1 = \(n - 1) copies and as many acknowledgements per entry: \((n - 1) * entries) each",
                   observed: "\(counts["append", default: 0]) copies, \(counts["ack", default: 0]) acknowledgements", trace: sim.trace)
    }

    static func crashes<Store: PersistenceStoreNode>(_: Store.Type, seed: UInt64) throws(ScenarioFailure) {
        var random = SeededRandom(seed: seed, stream: "script")
        let sim = StoreSimulation(seed: seed, faults: FaultPlan(dropRate: Double.random(in: 0...0.1, using: &random),
                                                                duplicateRate: Double.random(in: 0...0.1, using: &random),
                                                                delay: .milliseconds(1)...(.milliseconds(30))))
        let stores = addStores(Store.self, to: sim, count: 3)
        let oracle = StoreOracle(sim, stores: stores)
        var work = addClients(sim, stores: stores.map(\.id), clients: 2, count: 6, window: 2_200...3_000, &random)
        var at = Duration.milliseconds(Int.random(in: 2_300...3_000, using: &random))
        while at < .seconds(8) {
            let victim = stores[Int.random(in: 0..<stores.count, using: &random)].id
            let back = at + .milliseconds(Int.random(in: 1_000...3_000, using: &random))
            sim.schedule(at: at) { $0.crash(victim) }
            sim.schedule(at: back) { $0.restart(victim) }
            at = back + .milliseconds(Int.random(in: 300...1_500, using: &random))
        }
        let gone = stores[Int.random(in: 0..<stores.count, using: &random)].id, first = work[0]
        let late = (0..<3).map { _ in (0..<Int.random(in: 1...200, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) } }
        sim.schedule(at: at) { $0.crash(gone) }
        for (index, item) in late.enumerated() {
            sim.schedule(at: at + .milliseconds(1_000 + 100 * index)) { $0.command(.append(mailbox: first.mailbox, bytes: item), to: first.handle) }
        }
        work[0] = Workload(name: first.name, client: first.client, mailbox: first.mailbox, bytes: first.bytes + late, handle: first.handle)
        try oracle.run(deadline: at + .seconds(2))
        sim.faults = FaultPlan(delay: .milliseconds(1)...(.milliseconds(20)))
        for store in stores where store.id != gone && !sim.isUp(store.id) { sim.restart(store.id) }
        try finish(oracle, work, within: .seconds(30))
    }

    static func partitions<Store: PersistenceStoreNode>(_: Store.Type, seed: UInt64) throws(ScenarioFailure) {
        var random = SeededRandom(seed: seed, stream: "script")
        let sim = StoreSimulation(seed: seed, faults: FaultPlan(dropRate: Double.random(in: 0...0.1, using: &random),
                                                                delay: .milliseconds(1)...(.milliseconds(30))))
        let stores = addStores(Store.self, to: sim, count: Int.random(in: 3...5, using: &random))
        let oracle = StoreOracle(sim, stores: stores)
        let work = addClients(sim, stores: stores.map(\.id).shuffled(using: &random), clients: 3, count: 6, window: 2_200...3_500, &random)
        var at = Duration.milliseconds(Int.random(in: 2_300...3_500, using: &random))
        for _ in 0..<2 {
            let shuffled = stores.map(\.id).shuffled(using: &random), cut = Int.random(in: 1...(shuffled.count / 2), using: &random)
            let side = Array(shuffled[..<cut]) + [work[0].name], rest = Array(shuffled[cut...]) + work.dropFirst().map(\.name)
            let heal = at + .milliseconds(Int.random(in: 1_000...4_000, using: &random))
            sim.schedule(at: at) { $0.partition([side, rest]) }
            sim.schedule(at: heal) { $0.heal() }
            at = heal + .milliseconds(Int.random(in: 500...1_500, using: &random))
        }
        try oracle.run(deadline: at)
        sim.faults = FaultPlan(delay: .milliseconds(1)...(.milliseconds(20)))
        try finish(oracle, work, within: .seconds(30))
    }
}
