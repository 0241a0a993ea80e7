import DepositKit

extension DepositScenarios {
    /// What a request may cost on a network that loses nothing: the messages of its control plane, and the
    /// bytes of pieces sent, against the ideal (each byte moved once to each server that lacked it).
    struct Budget {
        /// The slack on bytes: 5 % over the ideal.
        static let byteSlack = 1.05

        /// The most control messages (`DEPOSIT`, `STORE`, `STORED`, `STORE-FAILED`, `COMMIT`, `COMMITTED`,
        /// `DONE`, `REFUSED`) a request with `replicas` copies may take on `servers` servers: each copy asked for
        /// and answered twice (once early, as the upload begins, and once when it is whole), the record
        /// committed on every other server twice (a tick may send it again), the request and its answer.
        static func messages(replicas: Int, servers: Int) -> Int { 2 + 4 * replicas + 4 * (servers - 1) }
    }

    /// The costs of one request, measured between the client sending it and the answer reaching it.
    struct RequestCost {
        let controlMessages: Int
        let pieceBytes: UInt64
        let answered: Bool
    }

    /// Exercise 3.3's budgets: with no fault, a client deposits three files with k = 1, 2, 3 on four servers:
    /// each is ok, with at most ``Budget/messages(replicas:servers:)`` control messages, and at most 1.05 × the
    /// ideal bytes of pieces (the upload, plus one copy to each server that should hold it other than the
    /// coordinator: copies pulled from the coordinator, not uploaded k times).
    static func depositsWithinBudget<Server: DepositServerNode>(_ server: Server.Type, seed: UInt64) throws(ScenarioFailure) {
        var random = SeededRandom(seed: seed, stream: "script")
        let (sim, servers, oracle) = try calmServers(server, seed: seed)
        let order = servers.shuffled(using: &random), coordinator = order[0]
        let alice = addClient("alice", to: sim, servers: order)
        let files = (1...3).map { k in (name: "file-k\(k).bin", file: nonEmptyFile(&random), replicas: k) }
        for file in files { sim.command(.deposit(name: file.name, file: .generated(file.file), replicas: file.replicas), to: alice) }
        try oracle.run(until: { finished("alice", files.count, in: $0) }, deadline: .seconds(30))
        let results = outcomes(of: "alice", in: sim)
        guard let id = welcomedID(of: "alice", in: sim), results.count == files.count else {
            throw ScenarioFailure(.wrong(expected: "alice to be welcomed and answered for each of her \(files.count) deposits",
                                         observed: "\(results.count) answer(s)"), trace: sim.trace)
        }
        for (index, file) in files.enumerated() {
            try expect(results[index].outcome == .ok, "\(results[index].command) on 4 servers and no fault to be ok",
                       observed: "\(results[index].outcome)", trace: sim.trace)
            let cost = cost(ofRequest: UInt64(index + 1), in: sim)
            let targets = Array(try rank(Server.self, owner: id, name: file.name, among: servers).prefix(file.replicas))
            let ideal = file.file.size * UInt64(1 + targets.filter { $0 != coordinator }.count)
            try expect(cost.answered && Double(cost.pieceBytes) <= Budget.byteSlack * Double(ideal),
                       "the deposit of \(file.name) (\(show(bytes: file.file.size)), k = \(file.replicas), coordinator \(coordinator), copies on \(targets.map(\.name).joined(separator: ", "))) to move at most 1.05 × \(show(bytes: ideal)) of pieces: the upload once, then one copy per other server",
                       observed: "\(show(bytes: cost.pieceBytes)) of pieces", trace: sim.trace)
            let budget = Budget.messages(replicas: file.replicas, servers: servers.count)
            try expect(cost.controlMessages <= budget, "the deposit of \(file.name) (k = \(file.replicas)) to take at most \(budget) control messages on \(servers.count) servers with no fault",
                       observed: "\(cost.controlMessages) messages", trace: sim.trace)
        }
    }

    /// Exercise 5.1's budgets: with no fault, a file deposited with k = 1 has its count raised to 3, then
    /// lowered to 1: each change is ok, moves at most 1.05 × the ideal bytes between servers (two new copies,
    /// then none), and takes at most ``Budget/messages(replicas:servers:)`` control messages; in the end the
    /// file is on exactly 3 servers (no copy beyond those asked for).
    static func changesWithinBudget<Server: DepositServerNode>(_ server: Server.Type, seed: UInt64) throws(ScenarioFailure) {
        var random = SeededRandom(seed: seed, stream: "script")
        let (sim, servers, oracle) = try calmServers(server, seed: seed)
        let alice = addClient("alice", to: sim, servers: servers.shuffled(using: &random))
        let file = nonEmptyFile(&random)
        let commands: [DepositCommand] = [.deposit(name: "data.bin", file: .generated(file), replicas: 1),
                                          .replicas(name: "data.bin", replicas: 3), .replicas(name: "data.bin", replicas: 1)]
        for command in commands { sim.command(command, to: alice) }
        try oracle.run(until: { finished("alice", commands.count, in: $0) }, deadline: .seconds(30))
        let results = outcomes(of: "alice", in: sim)
        try expect(results.count == commands.count && results.allSatisfy { $0.outcome == .ok },
                   "alice's \(commands.map { "\($0)" }.joined(separator: ", ")) on 4 servers and no fault to be ok",
                   observed: results.map { "\($0.outcome)" }.joined(separator: ", "), trace: sim.trace)
        guard let id = welcomedID(of: "alice", in: sim) else {
            throw ScenarioFailure(.wrong(expected: "alice to be welcomed", observed: "no welcome"), trace: sim.trace)
        }
        let blob = FileRecord(owner: id, name: "data.bin", size: file.size, sha256: oracle.sha256(of: file), replicas: 1, version: 1).blobName
        let holding = holders(of: blob, among: servers, in: sim)
        try expect(holding.count == 3, "data.bin to be on exactly 3 servers: the copies made for k = 3, none more (lowering k leaves the surplus to repair)",
                   observed: "copies on \(holding.map(\.name).joined(separator: ", "))", trace: sim.trace)
        for (request, replicas, newCopies) in [(UInt64(2), 3, UInt64(2)), (UInt64(3), 1, UInt64(0))] {
            let cost = cost(ofRequest: request, in: sim), ideal = newCopies * file.size
            try expect(cost.answered && Double(cost.pieceBytes) <= Budget.byteSlack * Double(ideal),
                       "changing data.bin (\(show(bytes: file.size))) to k = \(replicas) to move at most 1.05 × \(show(bytes: ideal)) of pieces (\(newCopies) new cop\(newCopies == 1 ? "y" : "ies"))",
                       observed: "\(show(bytes: cost.pieceBytes)) of pieces", trace: sim.trace)
            let budget = Budget.messages(replicas: replicas, servers: servers.count)
            try expect(cost.controlMessages <= budget, "changing data.bin to k = \(replicas) to take at most \(budget) control messages on \(servers.count) servers with no fault",
                       observed: "\(cost.controlMessages) messages", trace: sim.trace)
        }
    }

    /// Four servers of type `Server` without repair on a network that loses, copies and partitions nothing,
    /// which have heard each other.
    private static func calmServers<Server: DepositServerNode>(_ server: Server.Type, seed: UInt64)
        throws(ScenarioFailure) -> (DepositSimulation, [NodeID], DepositOracle) {
        let sim = DepositSimulation(seed: seed, faults: FaultPlan(delay: .milliseconds(1)...(.milliseconds(20))))
        let servers = addServers(server, to: sim, count: 4, repairs: false)
        let oracle = DepositOracle(sim, servers: servers)
        try oracle.run(until: .milliseconds(700))
        return (sim, servers, oracle)
    }

    /// A small file of at least one byte.
    private static func nonEmptyFile(_ random: inout SeededRandom) -> GeneratedFile {
        var file = smallFile(&random)
        while file.size == 0 { file = smallFile(&random) }
        return file
    }

    /// What alice's request number `request` cost: its control messages (the request and its answers, and every
    /// message of the transfers begun for it, whenever sent), and the bytes of pieces sent from her sending it
    /// until her answer came.
    private static func cost(ofRequest request: UInt64, in sim: DepositSimulation) -> RequestCost {
        let sent = sim.messages.first { $0.event == .sent && $0.from == "alice" && $0.message.requestNumber == request }?.time
        let answered = sim.messages.first { $0.event == .received && $0.to == "alice" && $0.message.request == request }?.time
        guard let sent, let answered else { return RequestCost(controlMessages: 0, pieceBytes: 0, answered: false) }
        var transfers: Set<UInt64> = []
        for record in sim.messages where record.event == .sent && record.time >= sent && record.time <= answered {
            switch record.message {
            case let .store(transfer, _, _, _), let .commit(transfer, _): transfers.insert(transfer)
            default: break
            }
        }
        var control = 0, bytes: UInt64 = 0
        for record in sim.messages where record.event == .sent {
            switch record.message {
            case let .piece(_, _, piece) where record.time >= sent && record.time <= answered: bytes += UInt64(piece.count)
            case let .store(transfer, _, _, _), let .stored(transfer, _), let .storeFailed(transfer, _), let .commit(transfer, _),
                 let .committed(transfer):
                if transfers.contains(transfer) { control += 1 }
            case .deposit, .setReplicas: if record.from == "alice" && record.message.requestNumber == request { control += 1 }
            case .done, .refused: if record.to == "alice" && record.message.request == request { control += 1 }
            default: break
            }
        }
        return RequestCost(controlMessages: control, pieceBytes: bytes, answered: true)
    }
}

extension DepositMessage {
    /// The number of a client's request (a deposit, a recovery, a listing, a change of copies), `nil` for others.
    fileprivate var requestNumber: UInt64? {
        switch self {
        case let .deposit(request, _, _, _, _, _), let .recover(request, _, _), let .list(request, _), let .setReplicas(request, _, _, _): request
        default: nil
        }
    }
}
