import DepositKit

extension DepositScenarios {
    /// Exercise 5.1: one file deposited with k = 1, again with k = 3 (the same name and hash: no byte may come
    /// from the client), its count changed to 2 and to 2 again, a count change of a name never deposited, then
    /// a new version under the same name, deposited twice (the second a retry: no byte again), which is what
    /// recovering it gives.
    static func changesReplicas<Server: DepositServerNode>(_ server: Server.Type, seed: UInt64) throws(ScenarioFailure) {
        var random = SeededRandom(seed: seed, stream: "script")
        let (sim, servers, oracle) = try fourServers(server, seed: seed, &random)
        var file = smallFile(&random)
        while file.size == 0 { file = smallFile(&random) }
        var update = smallFile(&random)
        while update.size == 0 { update = smallFile(&random) }
        let alice = addClient("alice", to: sim, servers: servers.shuffled(using: &random))
        let commands: [DepositCommand] = [
            .deposit(name: "data.bin", file: .generated(file), replicas: 1), .deposit(name: "data.bin", file: .generated(file), replicas: 3),
            .replicas(name: "data.bin", replicas: 2), .replicas(name: "data.bin", replicas: 2), .replicas(name: "missing.bin", replicas: 2),
            .deposit(name: "data.bin", file: .generated(update), replicas: 2), .deposit(name: "data.bin", file: .generated(update), replicas: 2),
            .recover(name: "data.bin"),
        ]
        for command in commands { sim.command(command, to: alice) }
        try oracle.run(until: { finished("alice", commands.count, in: $0) }, deadline: .seconds(90))
        let results = outcomes(of: "alice", in: sim)
        try expect(results.count == commands.count, "alice to get an answer to each of \(commands.map { "\($0)" })", observed: "\(results.count) answer(s)", trace: sim.trace)
        for index in [0, 1, 2, 3, 5, 6] {
            try expect(results[index].outcome == .ok, "alice's \(commands[index]) to be ok", observed: "\(results[index].outcome)", trace: sim.trace)
        }
        let missing = results[4].outcome
        try expect(missing == .failed(.notFound(name: "missing.bin")) || missing == .unknown,
                   "alice's \(commands[4]) (no such file) to be refused: \(DepositRefusal.notFound(name: "missing.bin"))", observed: "\(missing)", trace: sim.trace)
        for (request, content, what) in [(UInt64(2), file, "only the count changes"), (UInt64(7), update, "a retry keeps the file as it is")] {
            let again = DepositClient.uploadKey(request), sha = oracle.sha256(of: content)
            // A server the deposit reached before it heard of the file (acknowledged by fewer than every server)
            // rightly takes it for a new file: only the servers that knew the file must not ask for its bytes.
            let reached = Dictionary(sim.messages.filter { $0.event == .received && $0.from == "alice" && { if case .deposit(request, _, _, _, _, _) = $0 { true } else { false } }($0.message) }
                                         .map { ($0.to, $0.time) }, uniquingKeysWith: min)
            let resent = sim.messages.filter { $0.event == .sent && $0.from == "alice" && { if case .piece(again, _, _) = $0 { true } else { false } }($0.message)
                                               && knew("data.bin", sha, server: $0.to, before: reached[$0.to] ?? .seconds(1 << 40), sim) }
            try expect(resent.isEmpty, "the same name and hash deposited again (\(commands[Int(request) - 1])) to send no byte: \(what)",
                       observed: "alice sent \(resent.count) piece(s) of it, to \(Set(resent.map(\.to.name)).sorted().joined(separator: ", "))", trace: sim.trace)
        }
        try expectRecovered(results[7].outcome, "data.bin", update, "recovering data.bin after its new version was ok", sim)
    }

    /// Whether `server` held the record of `name` with content `sha256` before `time`: it committed it, or heard
    /// its commit or a catalog naming it.
    static func knew(_ name: String, _ sha256: [UInt8], server: NodeID, before time: Duration, _ sim: DepositSimulation) -> Bool {
        sim.messages.contains { record in
            guard record.time < time else { return false }
            switch record.message {
            case let .commit(_, held) where held.name == name && held.sha256 == sha256:
                return record.event == .sent ? record.from == server : record.to == server
            case let .catalogState(_, records) where record.event == .received && record.to == server:
                return records.contains { $0.name == name && $0.sha256 == sha256 }
            default:
                return false
            }
        }
    }
}
