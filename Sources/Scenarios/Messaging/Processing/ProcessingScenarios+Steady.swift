import MessagingKit

extension ProcessingScenarios {
    /// Exercise 5.1: a stable leader (no election can start: the election timeout is long), a faulty network,
    /// two clients encrypting, then decrypting what they got.
    static func totalOrder<Processor: ProcessorNode>(_: Processor.Type, rsa: any RSAToolkit.Type, seed: UInt64) throws(ScenarioFailure) {
        var random = SeededRandom(seed: seed, stream: "script")
        let sim = Sim(seed: seed, faults: FaultPlan(dropRate: .random(in: 0...0.15, using: &random), duplicateRate: .random(in: 0...0.15, using: &random),
                                                    delay: .milliseconds(1)...time(5...40, &random)))
        let key = try aliceKey()
        let processors = addProcessors(Processor.self, to: sim, count: 3, key: key, electionTimeout: .seconds(60))
        let oracle = ProcessingOracle(sim, processors: processors, key: key, rsa: rsa)
        let clients = ["bob", "alice"].map { name in sim.add(NodeID(name)) { ProcessingClient(replicas: processors.map(\.id)) } }
        try traffic(oracle, clients, count: Int.random(in: 3...5, using: &random), gap: 150, &random)
        try oracle.run(deadline: .seconds(1))
        try awaitAnswers(oracle, clients, within: .seconds(10), since: "the encryptions were sent")
        decryptAll(oracle, clients)
        try awaitAnswers(oracle, clients, within: .seconds(10), since: "the decryptions were sent")
        for client in clients { try checkRoundTrips(oracle, client) }
    }

    /// Exercise 6.1: retries of answered requests (the client's own, and copies the grader sends again), a
    /// client that reuses bob's id, a ciphertext that does not decrypt, a plaintext too long.
    static func retries<Processor: ProcessorNode>(_: Processor.Type, rsa: any RSAToolkit.Type, seed: UInt64) throws(ScenarioFailure) {
        var random = SeededRandom(seed: seed, stream: "script")
        let sim = Sim(seed: seed, faults: FaultPlan(dropRate: .random(in: 0.1...0.3, using: &random), duplicateRate: .random(in: 0...0.3, using: &random),
                                                    delay: .milliseconds(1)...time(5...40, &random)))
        let key = try aliceKey()
        let processors = addProcessors(Processor.self, to: sim, count: 3, key: key, electionTimeout: .seconds(60))
        let oracle = ProcessingOracle(sim, processors: processors, key: key, rsa: rsa)
        let bob = sim.add("bob") { ProcessingClient(replicas: processors.map(\.id), retry: .milliseconds(60)) }
        try traffic(oracle, [bob], count: 3, gap: 100, &random)
        try oracle.run(deadline: .milliseconds(500))
        try awaitAnswers(oracle, [bob], within: .seconds(10), since: "bob's encryptions were sent")
        // The grader sends bob's answered requests again, as a late retry would arrive.
        let sent = oracle.answers.map(\.request)
        for request in sent { for processor in processors { sim.inject(.processing(.request(request)), from: "bob", to: processor.id) } }
        // An impostor reuses bob's id; bob decrypts garbage and sends a plaintext too long.
        let bobID = sim.state(of: bob)?.clientID ?? 0
        let mallory = sim.add("mallory") { ProcessingClient(replicas: processors.map(\.id), clientID: bobID) }
        sim.command(.encrypt(Array("mallory".utf8)), to: mallory)
        let garbage = [0] + (1..<key.publicKey.modulusByteCount).map { _ in UInt8.random(in: 0...255, using: &random) }  // below n
        sim.command(.decrypt(garbage), to: bob)
        let limit = OAEP.maximumMessageLength(modulusBytes: key.publicKey.modulusByteCount)
        sim.command(.encrypt([UInt8](repeating: 7, count: limit + 1)), to: bob)
        sim.command(.encrypt(Array("after the impostor".utf8)), to: bob)
        try awaitAnswers(oracle, [bob, mallory], within: .seconds(10), since: "the impostor and the bad requests were sent")
        try oracle.run(deadline: sim.now + .milliseconds(300))
        try expect(oracle.answer("mallory", number: 1) == .failed(.clientIDTaken), "mallory, reusing bob's client id, to be answered clientIDTaken",
                   observed: oracle.answer("mallory", number: 1).map(\.description) ?? "no answer", trace: sim.trace)
        try expect(oracle.answer("bob", number: 4) == .failed(.undecryptable), "bob's decryption of random bytes to be answered undecryptable",
                   observed: oracle.answer("bob", number: 4).map(\.description) ?? "no answer", trace: sim.trace)
        try expect(oracle.answer("bob", number: 5) == .failed(.tooLong(bytes: limit + 1, limit: limit)),
                   "bob's encryption of \(limit + 1) bytes to be answered tooLong(bytes: \(limit + 1), limit: \(limit))",
                   observed: oracle.answer("bob", number: 5).map(\.description) ?? "no answer", trace: sim.trace)
        if case .output = oracle.answer("bob", number: 6) {} else {
            throw oracle.failure("bob, the owner of its id, still served after the impostor", observed: oracle.answer("bob", number: 6).map(\.description) ?? "no answer")
        }
        let replies = sim.messages.filter { record in
            guard record.event == .received, record.to == "bob", case let .processing(.reply(id, _)) = record.message else { return false }
            return sent.contains { $0.id == id }
        }
        for record in replies {
            guard case let .processing(.reply(id, result)) = record.message else { continue }
            let first = oracle.answers.first { $0.client == "bob" && $0.request.id == id }?.result
            try expect(result == first, "every reply to bob's request \(id), retries included, to be its first answer: \(first.map(\.description) ?? "")",
                       observed: "\(record.from) replied \(result)", trace: sim.trace)
        }
    }

    /// Exercise 7.1: five replicas encrypt a few plaintexts, each many times.
    static func deterministic<Processor: ProcessorNode>(_: Processor.Type, rsa: any RSAToolkit.Type, seed: UInt64) throws(ScenarioFailure) {
        var random = SeededRandom(seed: seed, stream: "script")
        let sim = Sim(seed: seed, faults: FaultPlan(dropRate: .random(in: 0...0.1, using: &random), delay: .milliseconds(1)...time(5...30, &random)))
        let key = try aliceKey()
        let processors = addProcessors(Processor.self, to: sim, count: 5, key: key, electionTimeout: .seconds(60))
        let oracle = ProcessingOracle(sim, processors: processors, key: key, rsa: rsa)
        let bob = sim.add("bob") { ProcessingClient(replicas: processors.map(\.id)) }
        let texts = (0..<2).map { _ in plaintext(&random) }
        for index in 0..<6 { sim.schedule(at: .milliseconds(10 + 30 * index)) { $0.command(.encrypt(texts[index % 2]), to: bob) } }
        try oracle.run(deadline: .milliseconds(300))
        try awaitAnswers(oracle, [bob], within: .seconds(10), since: "the encryptions were sent")
        try oracle.run(until: { _ in processors.allSatisfy { sim.state(of: $0)?.executed.count == 6 } }, deadline: sim.now + .seconds(5))
        for processor in processors {
            let count = sim.state(of: processor)?.executed.count ?? 0
            try expect(count == 6, "every one of the 5 replicas to execute the 6 encryptions", observed: "\(processor.id) executed \(count)", trace: sim.trace)
        }
        let outputs = oracle.answers.map(\.result)
        try expect(Set(outputs).count == outputs.count, "6 different ciphertexts for 6 requests (the seed of each request is its own)",
                   observed: "\(Set(outputs).count) different ones", trace: sim.trace)
    }
}
