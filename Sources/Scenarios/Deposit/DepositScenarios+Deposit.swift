import DepositKit

extension DepositScenarios {
    /// Exercise 3.1: mallory, a grader-owned client, sends deposits that must be refused, each twice (a copy of
    /// a request gets the same answer), to 3 servers through copies and reordering; one server is down for the
    /// last. Then alice deposits a valid file, which is ok.
    static func refusesDeposits<Server: DepositServerNode>(_ server: Server.Type, seed: UInt64) throws(ScenarioFailure) {
        var random = SeededRandom(seed: seed, stream: "script")
        let sim = DepositSimulation(seed: seed, faults: FaultPlan(duplicateRate: 0.2, delay: .milliseconds(1)...(.milliseconds(30))))
        let servers = addServers(server, to: sim, count: 3, repairs: false)
        let oracle = DepositOracle(sim, servers: servers)
        let mallory = sim.add("mallory") { ScriptedPeer() }
        sim.schedule(at: .milliseconds(300)) { $0.command(.send(.hello(request: 0, client: nil), to: servers[0]), to: mallory) }
        try oracle.run(until: .seconds(1))
        guard let id = received(by: "mallory", in: sim).lazy.compactMap({ if case let .welcome(_, id) = $0.message { id } else { nil } }).first else {
            throw oracle.failure("mallory's hello to \(servers[0]) to be welcomed within 0.7 s (no loss)", observed: "no welcome")
        }
        let stranger = ClientID(bytes: (0..<16).map { _ in UInt8.random(in: 0...255, using: &random) })!
        let file = smallFile(&random), sha = oracle.sha256(of: file)
        let badName = ["", "../escape.txt", "notes/2024.txt", ".hidden", "tab\there"][Int.random(in: 0..<5, using: &random)]
        let huge: UInt64 = 5 << 30
        typealias Case = (what: String, message: DepositMessage, expected: (DepositRefusal) -> Bool, shown: String)
        var cases: [Case] = [
            ("a deposit with an id no server issued", .deposit(request: 1, client: stranger, name: "a.txt", size: file.size, sha256: sha, replicas: 1),
             { $0 == .unknownClient }, "\(DepositRefusal.unknownClient)"),
            ("a deposit named \(badName.debugDescription)", .deposit(request: 2, client: id, name: badName, size: file.size, sha256: sha, replicas: 1),
             { if case .invalidName = $0 { true } else { false } }, "invalid file name"),
            ("a deposit with 0 copies", .deposit(request: 3, client: id, name: "zero.txt", size: file.size, sha256: sha, replicas: 0),
             { $0 == .invalidReplicas(requested: 0, maximum: 5) }, "\(DepositRefusal.invalidReplicas(requested: 0, maximum: 5))"),
            ("a deposit with 6 copies", .deposit(request: 4, client: id, name: "six.txt", size: file.size, sha256: sha, replicas: 6),
             { $0 == .invalidReplicas(requested: 6, maximum: 5) }, "\(DepositRefusal.invalidReplicas(requested: 6, maximum: 5))"),
            ("a deposit of \(huge) bytes, more than a server's 4 GiB", .deposit(request: 5, client: id, name: "huge.iso", size: huge, sha256: sha, replicas: 1),
             { if case .tooLarge = $0 { true } else { false } }, "too large"),
        ]
        cases.shuffle(using: &random)
        cases.append(("a deposit with 3 copies while \(servers[2]) is down", .deposit(request: 6, client: id, name: "three.txt", size: file.size, sha256: sha, replicas: 3),
                      { $0 == .tooFewServers(live: 2, wanted: 3) }, "\(DepositRefusal.tooFewServers(live: 2, wanted: 3))"))
        var at = Duration.seconds(1), targets: [UInt64: NodeID] = [:]
        for (index, item) in cases.enumerated() {
            if index == cases.count - 1 {
                sim.schedule(at: at) { $0.crash(servers[2]) }
                at += .seconds(1)  // longer than deadAfter: the others take it for dead
            }
            let target = servers[Int.random(in: 0..<(index == cases.count - 1 ? 2 : 3), using: &random)]
            guard case let .deposit(request, _, _, _, _, _) = item.message else { continue }
            targets[request] = target
            for copy in 0..<2 { sim.schedule(at: at + .milliseconds(300 * copy)) { $0.command(.send(item.message, to: target), to: mallory) } }
            at += .milliseconds(800)
        }
        try oracle.run(until: at + .milliseconds(500))
        let answers = received(by: "mallory", in: sim)
        for item in cases {
            guard case let .deposit(request, _, _, _, _, _) = item.message else { continue }
            let replies = answers.filter { $0.message.request == request && $0.from == targets[request] }.map(\.message)
            let what = "\(item.what), sent twice to \(targets[request]!), to be refused: \(item.shown)"
            guard let first = replies.first else { throw oracle.failure(what, observed: "no answer") }
            guard case let .refused(_, reason) = first, item.expected(reason) else { throw oracle.failure(what, observed: "\(first)") }
            try expect(replies.allSatisfy { $0 == first }, "\(what), the same answer to both copies", observed: replies.map { "\($0)" }.joined(separator: ", "), trace: sim.trace)
        }
        let pulls = sim.messages.filter { $0.event == .sent && $0.to == "mallory" && { if case .fetch = $0 { true } else { false } }($0.message) }
        try expect(pulls.isEmpty, "no byte of a refused deposit to be asked for", observed: "\(pulls.count) fetch(es), the first from \(pulls.first?.from.name ?? "")", trace: sim.trace)
        for server in servers {
            try expect(sim.blobs(of: server).names.isEmpty, "\(server) to keep nothing of refused deposits", observed: "it holds \(sim.blobs(of: server).names)", trace: sim.trace)
        }
        let alice = addClient("alice", to: sim, servers: Array(servers.prefix(2)).shuffled(using: &random))
        sim.command(.deposit(name: "report.pdf", file: .generated(file), replicas: 2), to: alice)
        try oracle.run(until: { finished("alice", 1, in: $0) }, deadline: sim.now + .seconds(15))
        let outcome = outcomes(of: "alice", in: sim).first?.outcome
        try expect(outcome == .ok, "then alice's deposit of report.pdf (\(file.size) B, k = 2, 2 servers up) to be ok",
                   observed: outcome.map { "\($0)" } ?? "no outcome in 15 s", trace: sim.trace)
    }

    /// Exercise 3.2: a grader-owned coordinator (`p1`, a peer of every server) asks each server for three
    /// copies: one whose source serves the declared bytes, one whose source serves other bytes of the same size,
    /// one whose source serves too few. A client, mallory, declares one file's hash and uploads another's bytes.
    static func verifiesCopies<Server: DepositServerNode>(_ server: Server.Type, seed: UInt64) throws(ScenarioFailure) {
        var random = SeededRandom(seed: seed, stream: "script")
        let sim = DepositSimulation(seed: seed, faults: FaultPlan(duplicateRate: 0.2, delay: .milliseconds(1)...(.milliseconds(30))))
        let servers = addServers(server, to: sim, count: 3, repairs: false, probes: ["p1"])
        let oracle = DepositOracle(sim, servers: servers)
        let probe = sim.add("p1") { ScriptedPeer() }, mallory = sim.add("mallory") { ScriptedPeer() }
        let owner = ClientID(bytes: (0..<16).map { _ in UInt8.random(in: 0...255, using: &random) })!
        var asks: [(transfer: UInt64, server: NodeID, kind: CopySource, record: FileRecord)] = []
        var at = Duration.milliseconds(300)
        for target in servers {
            for kind in [CopySource.honest, .lying, .short].shuffled(using: &random) {
                var declared = smallFile(&random)
                while declared.size < 2 { declared = smallFile(&random) }
                let served: GeneratedFile = switch kind {
                case .honest: declared
                case .lying: GeneratedFile(seed: declared.seed &+ 1, size: declared.size)
                case .short: GeneratedFile(seed: declared.seed, size: UInt64.random(in: 1..<declared.size, using: &random))
                }
                let transfer = UInt64(asks.count + 1), key = "copy-\(transfer)"
                let record = FileRecord(owner: owner, name: "file-\(transfer).bin", size: declared.size, sha256: oracle.sha256(of: declared), replicas: 1, version: 1)
                asks.append((transfer, target, kind, record))
                sim.schedule(at: at) { sim in
                    sim.command(.serve(key: key, file: served), to: probe)
                    sim.command(.send(.store(transfer: transfer, record: record, source: "p1", key: key), to: target), to: probe)
                }
                at += .milliseconds(200)
            }
        }
        // Mallory declares `declared` and uploads `served`.
        let declared = GeneratedFile(seed: UInt64.random(in: 0...UInt64.max, using: &random), size: UInt64.random(in: 1...150_000, using: &random))
        let served = GeneratedFile(seed: declared.seed &+ 1, size: declared.size), coordinator = servers[Int.random(in: 0..<3, using: &random)]
        sim.schedule(at: .milliseconds(300)) { $0.command(.send(.hello(request: 0, client: nil), to: coordinator), to: mallory) }
        sim.schedule(at: at) { sim in
            guard let id = received(by: "mallory", in: sim).lazy.compactMap({ if case let .welcome(_, id) = $0.message { id } else { nil } }).first else { return }
            sim.command(.serve(key: DepositClient.uploadKey(1), file: served), to: mallory)
            sim.command(.send(.deposit(request: 1, client: id, name: "honest.txt", size: declared.size, sha256: oracle.sha256(of: declared), replicas: 2), to: coordinator), to: mallory)
        }
        try oracle.run(until: at + .seconds(7))  // the copy deadline (4 s) and some
        let answers = received(by: "p1", in: sim)
        for ask in asks {
            let replies = answers.filter { $0.from == ask.server }.map(\.message).filter {
                switch $0 {
                case let .stored(transfer, _), let .storeFailed(transfer, _): transfer == ask.transfer
                default: false
                }
            }
            let what = "\(ask.server), asked for a copy of \(ask.record) whose source serves \(ask.kind.rawValue),"
            let held = sim.blobs(of: ask.server).size(of: ask.record.blobName) != nil
            switch ask.kind {
            case .honest:
                try expect(replies.contains(.stored(transfer: ask.transfer, blob: ask.record.blobName)) && held, "\(what) to keep it and say stored",
                           observed: replies.isEmpty ? "no answer in 7 s" : "\(replies.map { "\($0)" }.joined(separator: ", ")); \(held ? "the blob is kept" : "no blob kept")", trace: sim.trace)
            case .lying, .short:
                let stored = replies.contains { if case .stored = $0 { true } else { false } }
                let failedStore = replies.contains { if case .storeFailed = $0 { true } else { false } }
                let mismatch = ask.kind == .lying ? replies.contains(.storeFailed(transfer: ask.transfer, reason: .contentMismatch)) : failedStore
                try expect(!held && !stored && mismatch, "\(what) to keep nothing and say storeFailed\(ask.kind == .lying ? " (contentMismatch)" : "") within 5 s",
                           observed: "\(replies.isEmpty ? "no answer" : replies.map { "\($0)" }.joined(separator: ", ")); \(held ? "the blob is kept" : "no blob kept")", trace: sim.trace)
            }
        }
        let reply = received(by: "mallory", in: sim).first { $0.message.request == 1 }?.message
        try expect(reply == .refused(request: 1, reason: .contentMismatch),
                   "mallory's deposit to \(coordinator), declaring one file's SHA-256 and uploading other bytes, to be refused: \(DepositRefusal.contentMismatch)",
                   observed: reply.map { "\($0)" } ?? "no answer", trace: sim.trace)
        let lie = oracle.sha256(of: declared).hex
        for server in servers {
            try expect(!sim.blobs(of: server).names.contains { $0.hasSuffix(lie) }, "no server to keep mallory's upload under the declared hash",
                       observed: "\(server) does", trace: sim.trace)
        }
    }
}

/// What the source of a copy asked for in `deposit.3.2-verified-copies` serves.
enum CopySource: String {
    case honest = "the declared bytes"
    case lying = "other bytes of the declared size"
    case short = "too few bytes"
}
