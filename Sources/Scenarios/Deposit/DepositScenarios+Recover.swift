import DepositKit

extension DepositScenarios {
    /// Deposits `files` (name, file, k) for `client` one after another and requires each to be ok; returns
    /// the client's id.
    static func depositAll(_ files: [(name: String, file: GeneratedFile, replicas: Int)], by client: NodeHandle<DepositClient>,
                           _ sim: DepositSimulation, _ oracle: DepositOracle) throws(ScenarioFailure) -> ClientID {
        let before = outcomes(of: client.id, in: sim).count
        for file in files { sim.command(.deposit(name: file.name, file: .generated(file.file), replicas: file.replicas), to: client) }
        try oracle.run(until: { finished(client.id, before + files.count, in: $0) }, deadline: sim.now + .seconds(20 * files.count))
        let results = Array(outcomes(of: client.id, in: sim).dropFirst(before))
        for (index, file) in files.enumerated() {
            let outcome = index < results.count ? "\(results[index].outcome)" : "no outcome"
            try expect(index < results.count && results[index].outcome == .ok,
                       "\(client.id)'s deposit of \(file.name) (\(file.file.size) B, k = \(file.replicas)) to be ok", observed: outcome, trace: sim.trace)
        }
        guard let id = welcomedID(of: client.id, in: sim) else { throw oracle.failure("\(client.id) to be welcomed", observed: "it was not") }
        return id
    }

    /// Runs `commands` at a new client `name` that reconnects with `id` through `servers`, and returns their outcomes.
    static func ask(_ commands: [DepositCommand], as name: NodeID, id: ClientID, through servers: [NodeID],
                    _ sim: DepositSimulation, _ oracle: DepositOracle) throws(ScenarioFailure) -> [(command: DepositCommand, outcome: DepositOutcome)] {
        let client = addClient(name, to: sim, servers: servers, id: id)
        for command in commands { sim.command(command, to: client) }
        try oracle.run(until: { finished(name, commands.count, in: $0) || events(of: name, in: $0).contains(.unknownID) }, deadline: sim.now + .seconds(15 * commands.count))
        let results = outcomes(of: name, in: sim)
        try expect(results.count == commands.count, "\(name), reconnecting through \(servers.map(\.name).joined(separator: ", ")), to get an answer to each of \(commands.map { "\($0)" })",
                   observed: events(of: name, in: sim).contains(.unknownID) ? "its id was refused" : "\(results.count) answer(s)", trace: sim.trace)
        return results
    }

    /// Requires `outcome` to be the recovery of `file`'s bytes.
    static func expectRecovered(_ outcome: DepositOutcome, _ name: String, _ file: GeneratedFile, _ what: String, _ sim: DepositSimulation) throws(ScenarioFailure) {
        guard case let .recovered(record) = outcome, record.name == name, record.sha256 == file.sha256, record.size == file.size else {
            throw ScenarioFailure(.wrong(expected: "\(what) to give \(name)'s \(file.size) bytes (sha256 \(file.sha256.hex.prefix(12))…)", observed: "\(outcome)"), trace: sim.trace)
        }
    }

    /// Exercise 4.1: alice's 3–4 files (k = 1–2, sometimes empty) recovered and listed through every server,
    /// then her 2-copy files recovered again after a holder crashed.
    static func recoversAnywhere<Server: DepositServerNode>(_ server: Server.Type, seed: UInt64) throws(ScenarioFailure) {
        var random = SeededRandom(seed: seed, stream: "script")
        let (sim, servers, oracle) = try fourServers(server, seed: seed, &random)
        let files = (1...Int.random(in: 3...4, using: &random)).map { ("file-\($0).bin", smallFile(&random), Int.random(in: 1...2, using: &random)) }
        let id = try depositAll(files, by: addClient("alice", to: sim, servers: servers.shuffled(using: &random)), sim, oracle)
        try oracle.run(until: sim.now + .seconds(1))  // heartbeats carry the new copies
        for server in servers {
            let results = try ask(files.map { .recover(name: $0.0) } + [.list], as: NodeID("alice@\(server)"), id: id, through: [server], sim, oracle)
            for (index, file) in files.enumerated() {
                try expectRecovered(results[index].outcome, file.0, file.1, "recovering \(file.0) through \(server)", sim)
            }
            let expected = files.map { "\($0.0) k=\($0.2) copies=\(holders(of: FileRecord.blobName(owner: id, sha256: $0.1.sha256), among: servers, in: sim).count)" }
            let shown: [String]
            if case let .listed(listing) = results[files.count].outcome { shown = listing.map { "\($0.record.name) k=\($0.record.replicas) copies=\($0.copies)" } } else { shown = ["\(results[files.count].outcome)"] }
            try expect(shown == expected, "alice's list through \(server) to show her files by name, each with k and its live copies",
                       observed: shown.joined(separator: ", "), trace: sim.trace)
        }
        let paired = files.filter { $0.2 == 2 }
        guard let first = paired.first, let victim = holders(of: FileRecord.blobName(owner: id, sha256: first.1.sha256), among: servers, in: sim).first else { return }
        sim.crash(victim)
        try oracle.run(until: sim.now + .seconds(1))  // longer than deadAfter: the others take it for dead
        let running = servers.filter { $0 != victim }
        let results = try ask(paired.map { .recover(name: $0.0) }, as: "alice-again", id: id, through: running.shuffled(using: &random), sim, oracle)
        for (index, file) in paired.enumerated() {
            try expectRecovered(results[index].outcome, file.0, file.1, "recovering \(file.0) (k = 2) with \(victim) down", sim)
        }
    }

    /// Exercise 4.1: alice and bob, with a file name in common; each lists and recovers only its own files.
    static func isolatesClients<Server: DepositServerNode>(_ server: Server.Type, seed: UInt64) throws(ScenarioFailure) {
        var random = SeededRandom(seed: seed, stream: "script")
        let (sim, servers, oracle) = try fourServers(server, seed: seed, &random)
        let alices = [("notes.txt", smallFile(&random), 2), ("diary.txt", smallFile(&random), 1), ("photo.jpg", smallFile(&random), 2)]
        let bobs = [("notes.txt", smallFile(&random), 1), ("todo.txt", smallFile(&random), 2)]
        let alice = try depositAll(alices, by: addClient("alice", to: sim, servers: servers.shuffled(using: &random)), sim, oracle)
        let bob = try depositAll(bobs, by: addClient("bob", to: sim, servers: servers.shuffled(using: &random)), sim, oracle)
        try oracle.run(until: sim.now + .milliseconds(500))
        for (who, id, own, other) in [("alice", alice, alices, bobs), ("bob", bob, bobs, alices)] {
            let server = servers[Int.random(in: 0..<servers.count, using: &random)]
            let strange = other.map(\.0).filter { name in !own.contains { $0.0 == name } }
            let commands: [DepositCommand] = [.list] + own.map { .recover(name: $0.0) } + strange.map { .recover(name: $0) }
            let results = try ask(commands, as: NodeID("\(who)@\(server)"), id: id, through: [server], sim, oracle)
            let names: [String]
            if case let .listed(listing) = results[0].outcome { names = listing.map { "\($0.record.name) \($0.record.sha256.hex.prefix(8))" } } else { names = ["\(results[0].outcome)"] }
            let expected = own.sorted { $0.0 < $1.0 }.map { "\($0.0) \($0.1.sha256.hex.prefix(8))" }
            try expect(names == expected, "\(who)'s list through \(server) to show exactly its own files", observed: names.joined(separator: ", "), trace: sim.trace)
            for (index, file) in own.enumerated() {
                try expectRecovered(results[1 + index].outcome, file.0, file.1, "\(who) recovering its own \(file.0) through \(server)", sim)
            }
            for (index, name) in strange.enumerated() {
                let outcome = results[1 + own.count + index].outcome
                try expect(outcome == .failed(.notFound(name: name)), "\(who), recovering '\(name)' (a file of the other client's) through \(server), to be told \(DepositRefusal.notFound(name: name))",
                           observed: "\(outcome)", trace: sim.trace)
            }
        }
    }
}
