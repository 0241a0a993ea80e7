import DepositKit

extension DepositScenarios {
    /// Runs until every current file has exactly k copies on running servers and no blob is left that no
    /// current file names (`exact`), or only k live copies (`!exact`), or `deadline`; returns whether it held.
    static func settle(_ sim: DepositSimulation, _ oracle: DepositOracle, exact: Bool, deadline: Duration) throws(ScenarioFailure) -> Bool {
        while sim.now < deadline {
            try oracle.run(until: sim.now + .milliseconds(100))
            if copyProblems(sim, oracle, exact: exact) == nil { return true }
        }
        return false
    }

    /// What keeps the copies from being settled, as a failure message shows it; `nil` when settled.
    static func copyProblems(_ sim: DepositSimulation, _ oracle: DepositOracle, exact: Bool) -> String? {
        let records = oracle.currentRecords(), running = oracle.servers.filter { sim.isUp($0) }
        var problems: [String] = []
        for record in records {
            let holders = holders(of: record.blobName, among: exact ? oracle.servers : running, in: sim)
            if holders.count != record.replicas {
                problems.append("'\(record.name)' (k = \(record.replicas)) on \(holders.isEmpty ? "no server" : holders.map(\.name).joined(separator: ", "))")
            }
        }
        if exact {
            let named = Set(records.map(\.blobName))
            for server in oracle.servers {
                for blob in sim.blobs(of: server).names where !named.contains(blob) { problems.append("\(server) keeps \(blob.prefix(12))…, which no current file names") }
            }
        }
        return problems.isEmpty ? nil : problems.joined(separator: "; ")
    }

    /// The bytes of `.piece` messages servers sent each other from message number `start` on.
    static func bytesMoved(_ sim: DepositSimulation, servers: [NodeID], from start: Int) -> UInt64 {
        let members = Set(servers)
        return sim.messages[start...].reduce(0) { total, record in
            guard record.event == .sent, members.contains(record.from), members.contains(record.to), case let .piece(_, _, bytes) = record.message else { return total }
            return total + UInt64(bytes.count)
        }
    }

    /// A client's files for the repair scenarios: `count` files of 1–200 KB with k = 2–3.
    static func repairFiles(_ count: Int, _ random: inout SeededRandom) -> [(name: String, file: GeneratedFile, replicas: Int)] {
        (1...count).map { number in
            var file = smallFile(&random)
            while file.size == 0 { file = smallFile(&random) }
            return ("file-\(number).bin", file, Int.random(in: 2...3, using: &random))
        }
    }

    /// Recovers every file the oracle saw acknowledged, through a new client per owner, and requires the newest bytes.
    static func recoverEverything(_ sim: DepositSimulation, _ oracle: DepositOracle, _ random: inout SeededRandom) throws(ScenarioFailure) {
        let owners = Set(oracle.acknowledged.keys.map(\.owner)).sorted()
        for (index, owner) in owners.enumerated() {
            let keys = oracle.acknowledged.keys.filter { $0.owner == owner }.sorted()
            let results = try ask(keys.map { .recover(name: $0.name) }, as: NodeID("recoverer-\(index + 1)"), id: owner,
                                  through: oracle.servers.shuffled(using: &random), sim, oracle)
            for (key, result) in zip(keys, results) {
                let newest = oracle.durableRecords(of: key).first
                guard case let .recovered(record) = result.outcome, record.sha256 == newest?.sha256 else {
                    throw oracle.failure("every acknowledged file to be recovered at its newest version once calm: \(key.name) as \(newest.map { "\($0)" } ?? "?")",
                                         observed: "\(result.outcome)")
                }
            }
        }
    }

    /// Exercise 6.1: 5 servers keep 4–8 of alice's files (one changed its count); once every file has exactly
    /// k copies, one holder is killed. Within 5 s of its detection every file is back at k live copies, and
    /// the servers moved at most 1.05 × the bytes of the copies it held; then every file is recovered.
    static func repairsAfterCrash<Server: DepositServerNode>(_ server: Server.Type, seed: UInt64) throws(ScenarioFailure) {
        var random = SeededRandom(seed: seed, stream: "script")
        let sim = DepositSimulation(seed: seed, faults: FaultPlan(delay: .milliseconds(1)...(.milliseconds(20))))
        let servers = addServers(server, to: sim, count: 5, repairs: true)
        let oracle = DepositOracle(sim, servers: servers)
        try oracle.run(until: .milliseconds(300))
        let files = repairFiles(Int.random(in: 4...8, using: &random), &random)
        let alice = addClient("alice", to: sim, servers: servers.shuffled(using: &random))
        let id = try depositAll(files, by: alice, sim, oracle)
        sim.command(.replicas(name: files[0].name, replicas: 5 - files[0].replicas), to: alice)
        try oracle.run(until: { finished("alice", files.count + 1, in: $0) }, deadline: sim.now + .seconds(15))
        try expect(outcomes(of: "alice", in: sim).last?.outcome == .ok, "alice's change of \(files[0].name) to k = \(5 - files[0].replicas) to be ok",
                   observed: outcomes(of: "alice", in: sim).last.map { "\($0.outcome)" } ?? "no outcome", trace: sim.trace)
        guard try settle(sim, oracle, exact: true, deadline: sim.now + .seconds(15)) else {
            throw oracle.failure("every file at exactly k copies within 15 s of its deposit", observed: copyProblems(sim, oracle, exact: true) ?? "")
        }
        let records = oracle.currentRecords()
        let held = servers.map { server in (server, records.filter { sim.blobs(of: server).size(of: $0.blobName) != nil }) }.filter { !$0.1.isEmpty }
        let (victim, lost) = held[Int.random(in: 0..<held.count, using: &random)]
        let ideal = lost.reduce(0) { $0 + $1.size }, start = sim.messages.count, killed = sim.now
        sim.crash(victim)
        let deadAfter = DepositServerConfig(peers: []).deadAfter
        guard try settle(sim, oracle, exact: false, deadline: killed + deadAfter + .seconds(5)) else {
            throw oracle.failure("within 5 s of \(victim)'s death being noticed (\(time(deadAfter)) after it was killed at \(time(killed))), every file back at k live copies",
                                 observed: copyProblems(sim, oracle, exact: false) ?? "")
        }
        let moved = bytesMoved(sim, servers: servers, from: start)
        try expect(Double(moved) <= 1.05 * Double(ideal), "the repair after \(victim) died to move at most 1.05 × the \(show(bytes: ideal)) of the \(lost.count) cop\(lost.count == 1 ? "y" : "ies") it held",
                   observed: "servers sent each other \(show(bytes: moved)) of pieces (\((Double(moved) / Double(max(ideal, 1)) * 100).rounded() / 100) ×)", trace: sim.trace)
        _ = id
        try recoverEverything(sim, oracle, &random)
    }

    /// Exercise 6.1: after a holder died and its files were repaired, one of its files changes its count and
    /// another gets a new version; then it comes back and must reconcile: exactly k copies of every current
    /// file, no old version and no surplus left.
    static func reconcilesOnRejoin<Server: DepositServerNode>(_ server: Server.Type, seed: UInt64) throws(ScenarioFailure) {
        var random = SeededRandom(seed: seed, stream: "script")
        let sim = DepositSimulation(seed: seed, faults: FaultPlan(dropRate: Double.random(in: 0...0.1, using: &random), duplicateRate: 0.1,
                                                                  delay: .milliseconds(1)...(.milliseconds(30))))
        let servers = addServers(server, to: sim, count: 5, repairs: true)
        let oracle = DepositOracle(sim, servers: servers)
        try oracle.run(until: .milliseconds(300))
        let files = repairFiles(Int.random(in: 4...6, using: &random), &random)
        let alice = addClient("alice", to: sim, servers: servers.shuffled(using: &random))
        _ = try depositAll(files, by: alice, sim, oracle)
        guard try settle(sim, oracle, exact: true, deadline: sim.now + .seconds(15)) else {
            throw oracle.failure("every file at exactly k copies within 15 s of its deposit", observed: copyProblems(sim, oracle, exact: true) ?? "")
        }
        let records = oracle.currentRecords()
        let (victim, its) = servers.map { server in (server, records.filter { sim.blobs(of: server).size(of: $0.blobName) != nil }) }
            .max { $0.1.count < $1.1.count }!
        sim.crash(victim)
        guard try settle(sim, oracle, exact: false, deadline: sim.now + .seconds(10)) else {
            throw oracle.failure("every file back at k live copies within 10 s of \(victim)'s death", observed: copyProblems(sim, oracle, exact: false) ?? "")
        }
        var changes: [DepositCommand] = []
        if let first = its.first { changes.append(.replicas(name: first.name, replicas: 5 - first.replicas)) }
        if its.count > 1 {
            var file = smallFile(&random)
            while file.size == 0 { file = smallFile(&random) }
            changes.append(.deposit(name: its[1].name, file: .generated(file), replicas: its[1].replicas))
        }
        for change in changes { sim.command(change, to: alice) }
        try oracle.run(until: { finished("alice", files.count + changes.count, in: $0) }, deadline: sim.now + .seconds(30))
        for (change, result) in zip(changes, outcomes(of: "alice", in: sim).suffix(changes.count)) {
            try expect(result.outcome == .ok, "alice's \(change), with \(victim) down, to be ok", observed: "\(result.outcome)", trace: sim.trace)
        }
        let back = sim.now
        sim.restart(victim)
        guard try settle(sim, oracle, exact: true, deadline: back + .seconds(10)) else {
            throw oracle.failure("within 10 s of \(victim)'s return at \(time(back)), exactly k copies of every current file and no old version or surplus copy",
                                 observed: copyProblems(sim, oracle, exact: true) ?? "")
        }
        try recoverEverything(sim, oracle, &random)
    }
}
