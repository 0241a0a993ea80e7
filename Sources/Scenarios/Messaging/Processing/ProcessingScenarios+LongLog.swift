import MessagingKit

extension ProcessingScenarios {
    /// Exercise 9.1: a log longer than one message carries. Bob has 280–450 requests ordered (most of them
    /// plaintexts too long to encrypt, answered `tooLong` at no cost, one in ten a real encryption); the leader
    /// p3 crashes, p2 leads and orders three more, and p3 returns with its log but not its commit point (it is
    /// not kept), so, the highest, it claims the lead needing p1's or p2's log from position 0 on, of a newer
    /// normal term than its own — more entries than one `promise` may carry.
    /// p3 must lead alone within 5 s of its return and every request is answered, with every invariant after
    /// every event.
    static func longLog<Processor: ProcessorNode>(_: Processor.Type, rsa: any RSAToolkit.Type, seed: UInt64) throws(ScenarioFailure) {
        var random = SeededRandom(seed: seed, stream: "script")
        let sim = Sim(seed: seed, faults: FaultPlan(dropRate: .random(in: 0...0.05, using: &random), duplicateRate: .random(in: 0...0.05, using: &random),
                                                    delay: .milliseconds(1)...time(2...15, &random)))
        let key = try aliceKey()
        let processors = addProcessors(Processor.self, to: sim, count: 3, key: key)
        let oracle = ProcessingOracle(sim, processors: processors, key: key, rsa: rsa)
        let bob = sim.add("bob") { ProcessingClient(replicas: processors.map(\.id)) }
        let count = ProcessingMessage.maximumEntries + Int.random(in: 24...200, using: &random)
        var at = Duration.zero
        for number in 0..<count {
            at += time(1...8, &random)
            let text = number % 10 == 0 ? plaintext(&random) : [UInt8](repeating: UInt8(number % 256), count: 63 + number % 50)
            sim.schedule(at: at) { $0.command(.encrypt(text), to: bob) }
        }
        try oracle.run(deadline: at)
        try awaitAnswers(oracle, [bob], within: .seconds(20), since: "the last of \(count) requests was sent")

        try oracle.run(deadline: sim.now + time(0...300, &random))
        sim.crash("p3")
        let taken = try oracle.run(until: { _ in oracle.leaders().contains { $0.node != "p3" } }, deadline: sim.now + .seconds(3))
        try expect(taken, "a new leader within 3 s of the leader p3's crash", observed: "none", trace: sim.trace)
        for _ in 0..<3 { sim.command(.encrypt(plaintext(&random)), to: bob) }
        try awaitAnswers(oracle, [bob], within: .seconds(10), since: "p3 crashed and another took over")
        try oracle.run(deadline: sim.now + time(0...1_000, &random))
        sim.restart("p3")
        let back = sim.now
        let calm = try oracle.run(until: { _ in oracle.leaders().map(\.node) == ["p3"] }, deadline: back + .seconds(5))
        try expect(calm, "p3, the highest processor, to lead alone within 5 s of its return with a log of \(count + 3) entries (it must learn them all, more than one message carries)",
                   observed: "leaders: \(oracle.leaders().map { "\($0.node) (term \($0.term))" })", trace: sim.trace)
        for _ in 0..<3 { sim.command(.encrypt(plaintext(&random)), to: bob) }
        try awaitAnswers(oracle, [bob], within: .seconds(10), since: "p3 led again")
    }
}
