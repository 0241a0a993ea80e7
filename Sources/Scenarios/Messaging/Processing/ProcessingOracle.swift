import MessagingKit

/// Checks the processing service's invariants after every simulated event, and every answer a client got:
/// - at most one processor leads each term at any moment;
/// - every replica executed the same request, with the same result, at each sequence number (so the executed
///   sequences are prefixes of one another, and identical ciphertexts for one request);
/// - no replica executes a request (id and secret) twice in a run;
/// - every answer is the result the replicas executed;
/// - an encryption's output is what the implementation's own `RSA.encrypt(_:label:seed:key:)` gives for its
///   plaintext with the seed exercise 7.1 prescribes (``prescribedSeed(for:sequence:)``), and a decryption of a
///   ciphertext the service made gives that ciphertext's plaintext back.
///
/// The graders hold no OAEP: OAEP itself is graded in phase 1, against Wycheproof; here only what the service
/// does with it (the seed it uses, the same result on every replica, round trips).
final class ProcessingOracle<Processor: ProcessorNode> {
    typealias Sim = Simulation<MessagingMessage, MessagingEvent>

    let sim: Sim
    let processors: [NodeHandle<Processor>]
    let key: RSAPrivateKey
    /// The phase-1 RSA the processors under test run.
    let rsa: any RSAToolkit.Type
    /// What was executed at each sequence number, by whichever replica did first.
    private(set) var canonical: [Int: ExecutedEntry] = [:]
    /// The result of each request executed anywhere.
    private(set) var resultOf: [RequestKey: ProcessingResult] = [:]
    /// The plaintext of each ciphertext the service made.
    private var plaintextOf: [[UInt8]: [UInt8]] = [:]
    /// The answers clients got, in order.
    private(set) var answers: [(client: NodeID, request: ProcessingRequest, result: ProcessingResult)] = []
    private var checked: [NodeID: Int] = [:]
    private var seenDeliveries = 0

    init(_ sim: Sim, processors: [NodeHandle<Processor>], key: RSAPrivateKey, rsa: any RSAToolkit.Type) {
        self.sim = sim
        self.processors = processors
        self.key = key
        self.rsa = rsa
    }

    /// Runs until `done` or `deadline`, checking every invariant after every event; returns whether `done` held.
    @discardableResult
    func run(until done: (Sim) -> Bool = { _ in false }, deadline: Duration) throws(ScenarioFailure) -> Bool {
        try sim.grade(until: done, deadline: deadline, checking: check)
    }

    /// The answer `client` got to its request number `number`, if any.
    func answer(_ client: NodeID, number: UInt64) -> ProcessingResult? {
        answers.first { $0.client == client && $0.request.id.number == number }?.result
    }

    /// The running processors that lead, with their terms.
    func leaders() -> [(node: NodeID, term: UInt64)] {
        processors.compactMap { handle in sim.state(of: handle).flatMap { $0.isLeader ? (handle.id, $0.term) : nil } }
    }

    /// Every check, after one event.
    func check() throws(ScenarioFailure) {
        var leaderOf: [UInt64: NodeID] = [:]
        for (node, term) in leaders() {
            if let other = leaderOf[term] {
                throw failure("at most one leader per term", observed: "\(other) and \(node) both lead term \(term)")
            }
            leaderOf[term] = node
        }
        for handle in processors {
            guard let state = sim.state(of: handle) else { continue }
            let executed = state.executed
            var from = checked[handle.id, default: 0]
            if executed.count < from { from = 0 }  // a restarted replica executes its log again
            for (index, entry) in executed.enumerated().dropFirst(from) {
                if executed[..<index].contains(where: { $0.request.key == entry.request.key }) {
                    throw failure("each request executed once by each replica",
                                  observed: "\(handle.id) executed \(entry.request) again, at #\(entry.sequence)")
                }
                if let first = canonical[entry.sequence] {
                    guard first.request == entry.request, first.result == entry.result else {
                        throw failure("every replica to execute the same request with the same result at #\(entry.sequence): \(first)",
                                      observed: "\(handle.id) executed \(entry)")
                    }
                } else {
                    canonical[entry.sequence] = entry
                    if let earlier = resultOf[entry.request.key], earlier != entry.result {
                        throw failure("one result per request: \(entry.request) gave \(earlier)", observed: "\(entry) at \(handle.id)")
                    }
                    resultOf[entry.request.key] = entry.result
                    try checkCorrect(entry, at: "\(handle.id) #\(entry.sequence)")
                }
            }
            checked[handle.id] = executed.count
        }
        try readAnswers()
    }

    private func readAnswers() throws(ScenarioFailure) {
        let deliveries = sim.deliveries
        while seenDeliveries < deliveries.count {
            let delivery = deliveries[seenDeliveries]
            seenDeliveries += 1
            guard case let .processing(.answered(request, result)) = delivery.output else { continue }
            answers.append((delivery.node, request, result))
            try expect(resultOf[request.key] == result,
                       "\(delivery.node)'s answer to \(request) to be what the replicas executed: \(resultOf[request.key].map(\.description) ?? "nothing executed")",
                       observed: "\(result)", trace: sim.trace)
        }
    }

    /// Checks the first execution of each sequence number: an encryption against the implementation's own
    /// RSA with the prescribed seed, a decryption of the service's own ciphertext against its plaintext.
    private func checkCorrect(_ entry: ExecutedEntry, at place: String) throws(ScenarioFailure) {
        let (request, result) = (entry.request, entry.result)
        guard result != .failed(.clientIDTaken) else { return }
        switch request.operation {
        case let .encrypt(plaintext):
            let limit = OAEP.maximumMessageLength(modulusBytes: key.publicKey.modulusByteCount)
            if plaintext.count > limit {
                try expect(result == .failed(.tooLong(bytes: plaintext.count, limit: limit)), "\(place): \(request) to fail as too long",
                           observed: "\(result)", trace: sim.trace)
                return
            }
            let seed = Self.prescribedSeed(for: request, sequence: entry.sequence)
            let call = "RSA.encrypt(\(plaintext.count)-byte plaintext, label: [], seed: SHA-256 of \(request.id) at #\(entry.sequence), Alice's key)"
            let expected = try ToolkitProbe.value(call) { try rsa.encrypt(plaintext, label: [], seed: seed, key: key.publicKey) }
            try expect(result == .output(expected), "\(place): \(request) to give \(call): \(ToolkitProbe.sketch(expected))",
                       observed: "\(result): is the seed the one the request prescribes, and the same on every replica?", trace: sim.trace)
            plaintextOf[expected] = plaintext
        case let .decrypt(ciphertext):
            guard let plaintext = plaintextOf[ciphertext] else { return }
            try expect(result == .output(plaintext), "\(place): \(request), a ciphertext the service made, to give its \(plaintext.count)-byte plaintext back",
                       observed: "\(result)", trace: sim.trace)
        }
    }

    /// The OAEP seed exercise 7.1 prescribes for `request` at `sequence`: the SHA-256 of the request's client id,
    /// its number and the sequence number, each 8 bytes big-endian (as the spec says).
    static func prescribedSeed(for request: ProcessingRequest, sequence: Int) -> [UInt8] {
        var writer = WireWriter(capacity: 24)
        for value in [request.id.client, request.id.number, UInt64(sequence)] { writer.writeFixed(value) }
        return SHA256.hash(writer.bytes)
    }

    func failure(_ expected: String, observed: String) -> ScenarioFailure {
        ScenarioFailure(.wrong(expected: expected, observed: observed), trace: sim.trace)
    }
}
