import MessagingKit

/// Lab 4 — messaging, phase 2: the graded scenarios of the replicated processing service, each run on the
/// processor type under test in the simulator beside the given ``ProcessingClient``, with invariants checked
/// after every event (``ProcessingOracle``) against the phase-1 RSA those processors run.
public enum ProcessingScenarios {
    /// The exercises of phase 2, as the runner lists them.
    public static let exercises: [LabDescriptor.Exercise] = [
        .init(id: "5.1", title: "Sequencer: one total order, committed by a majority"),
        .init(id: "6.1", title: "Request ids and retries: execute once, answer again"),
        .init(id: "7.1", title: "Deterministic replicas: the OAEP seed comes from the request"),
        .init(id: "8.1", title: "Bully election with terms"),
        .init(id: "9.1", title: "Failover without loss: the new leader learns the log first"),
    ]

    /// The phase-1 exercises a scenario runs: encryption only, or both directions.
    static let encryption: [String] = ["3.1", "4.1"]
    static let fullRSA: [String] = ["3.1", "3.2", "4.1", "4.2"]

    /// The phase's scenarios, bound to `Processor` and to `Toolkit`, the phase-1 RSA it runs: the graders' expected
    /// ciphertexts are `Toolkit`'s, since they hold no OAEP of their own.
    public static func scenarios<Processor: ProcessorNode, Toolkit: RSAToolkit>(_: Processor.Type, rsa _: Toolkit.Type) -> [Scenario] {
        [
            Scenario(id: "messaging.5.1-total-order", lab: "messaging", exercise: "5.1", points: 4, seeds: 200, needs: fullRSA + ["6.1", "7.1"],
                     summary: "3 processors, a stable leader, loss, copies and reordering; two clients encrypt and decrypt: every replica executes the same requests in the same order with the same results, and every request is answered correctly, each decryption giving its plaintext back") { seed in
                try totalOrder(Processor.self, rsa: Toolkit.self, seed: seed)
            },
            Scenario(id: "messaging.6.1-retries", lab: "messaging", exercise: "6.1", points: 3, seeds: 200, needs: fullRSA + ["5.1", "7.1"],
                     summary: "answered requests sent again, a client reusing another's id, a ciphertext that does not decrypt: no request executed twice, the retry answered the same, clientIDTaken and undecryptable answered, the owner served") { seed in
                try retries(Processor.self, rsa: Toolkit.self, seed: seed)
            },
            Scenario(id: "messaging.7.1-deterministic", lab: "messaging", exercise: "7.1", points: 3, seeds: 200, needs: encryption + ["5.1", "6.1"],
                     summary: "5 processors encrypt the same plaintexts many times: each request gives one ciphertext on every replica, ciphertexts of distinct requests differ, each is the implementation's own RSA.encrypt of its plaintext with the seed its request prescribes") { seed in
                try deterministic(Processor.self, rsa: Toolkit.self, seed: seed)
            },
            Scenario(id: "messaging.8.1-election", lab: "messaging", exercise: "8.1", points: 4, seeds: 200, needs: encryption + ["5.1", "6.1", "7.1", "9.1"],
                     summary: "the leader crashes, later returns; a forged claim from the lowest processor: at most one leader per term after every event, a new leader within 2 s, the highest live one leads once calm, every request answered") { seed in
                try election(Processor.self, rsa: Toolkit.self, seed: seed)
            },
            Scenario(id: "messaging.9.1-failover", lab: "messaging", exercise: "9.1", points: 4, seeds: 200, needs: fullRSA + ["5.1", "6.1", "7.1", "8.1"],
                     summary: "loss, copies, partitions that heal, any processor crashing and restarting while two clients send: every invariant after every event; once calm, every request answered once, correctly, and all replicas agree") { seed in
                try failover(Processor.self, rsa: Toolkit.self, seed: seed)
            },
            Scenario(id: "messaging.9.1-long-log", lab: "messaging", exercise: "9.1", points: 2, seeds: 200, needs: encryption + ["5.1", "6.1", "7.1", "8.1"],
                     summary: "the leader p3 crashes and returns, without its commit point, to a log longer than one message carries: p3 leads alone within 5 s of its return, every request answered, every invariant after every event") { seed in
                try longLog(Processor.self, rsa: Toolkit.self, seed: seed)
            },
        ]
    }

    // MARK: Fixtures

    typealias Sim = Simulation<MessagingMessage, MessagingEvent>

    /// Alice's key in every scenario: the 1,024-bit test key (OAEP-SHA-256 carries up to 62 bytes under it).
    static func aliceKey() throws(ScenarioFailure) -> RSAPrivateKey { try TestKeys.parsed(TestKeys.rsa1024, "the 1024-bit test key") }

    /// `count` processors `p1`…`pN` (pN ranks highest), each started from `config`.
    static func addProcessors<Processor: ProcessorNode>(_: Processor.Type, to sim: Sim, count: Int, key: RSAPrivateKey,
                                                        electionTimeout: Duration = .milliseconds(300)) -> [NodeHandle<Processor>] {
        let names = (1...count).map { NodeID("p\($0)") }
        let config = ProcessingConfig(replicas: names, key: key, electionTimeout: electionTimeout)
        return names.map { name in sim.add(name) { Processor(config: config) } }
    }

    /// A random plaintext of 0–`maximum` bytes.
    static func plaintext(_ random: inout SeededRandom, maximum: Int = 40) -> [UInt8] {
        (0..<Int.random(in: 0...maximum, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
    }

    /// A time of `milliseconds`.
    static func time(_ milliseconds: ClosedRange<Int>, _ random: inout SeededRandom) -> Duration {
        .milliseconds(Int.random(in: milliseconds, using: &random))
    }

    /// Whether `client` has no request waiting for an answer.
    static func settled(_ client: NodeHandle<ProcessingClient>, in sim: Sim) -> Bool { sim.state(of: client)?.pending.isEmpty == true }

    /// Runs until every client is answered, failing after `limit`.
    static func awaitAnswers<Processor>(_ oracle: ProcessingOracle<Processor>, _ clients: [NodeHandle<ProcessingClient>], within limit: Duration,
                                        since: String) throws(ScenarioFailure) {
        let sim = oracle.sim
        let deadline = sim.now + limit
        try oracle.run(deadline: sim.now)  // the commands given at this instant reach the clients first
        guard try oracle.run(until: { sim in clients.allSatisfy { settled($0, in: sim) } }, deadline: deadline) else {
            let waiting = clients.flatMap { client in (sim.state(of: client)?.pending.values.sorted { $0.id < $1.id } ?? []).map { "\(client.id): \($0)" } }
            throw oracle.failure("every request answered within \(limit) \(since)", observed: "still waiting: \(waiting.prefix(5).joined(separator: "; "))")
        }
    }

    /// Encrypts then decrypts through the service: after `encrypts` answers, decrypt each ciphertext got, and
    /// check each decryption gives its plaintext back.
    static func checkRoundTrips<Processor>(_ oracle: ProcessingOracle<Processor>, _ client: NodeHandle<ProcessingClient>) throws(ScenarioFailure) {
        for answer in oracle.answers where answer.client == client.id {
            guard case let .decrypt(ciphertext) = answer.request.operation else { continue }
            let source = oracle.answers.first { $0.client == client.id && $0.result == .output(ciphertext) }
            guard case let .encrypt(plaintext)? = source?.request.operation else { continue }
            try expect(answer.result == .output(plaintext), "\(client.id)'s decryption of its ciphertext to give its plaintext (\(plaintext.count) B)",
                       observed: "\(answer.result)", trace: oracle.sim.trace)
        }
    }

    /// Sends `count` encryptions from each client, one every 20–`gap` ms, then each client's ciphertexts back to decrypt.
    static func traffic<Processor>(_ oracle: ProcessingOracle<Processor>, _ clients: [NodeHandle<ProcessingClient>], count: Int, gap: Int,
                                   _ random: inout SeededRandom) throws(ScenarioFailure) {
        let sim = oracle.sim
        for client in clients {
            var at = sim.now
            for _ in 0..<count {
                at += time(20...gap, &random)
                let text = plaintext(&random)
                sim.schedule(at: at) { $0.command(.encrypt(text), to: client) }
            }
        }
    }

    /// Asks each client to decrypt every ciphertext it was given.
    static func decryptAll<Processor>(_ oracle: ProcessingOracle<Processor>, _ clients: [NodeHandle<ProcessingClient>]) {
        for client in clients {
            for answer in oracle.answers where answer.client == client.id {
                if case .encrypt = answer.request.operation, case let .output(ciphertext) = answer.result {
                    oracle.sim.command(.decrypt(ciphertext), to: client)
                }
            }
        }
    }
}
