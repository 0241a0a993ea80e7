import DepositKit

extension DepositScenarios {
    /// Exercise 1.1: 4–6 clients greet 3–4 servers through loss and copies. Each gets an id of 128 random bits
    /// (no two alike, 32–96 bits set, as random ids are and counters are not); the server that issued the first
    /// one crashes the moment its welcome arrives. Then a client reconnects with each id at each running server
    /// and is welcomed, and an id no server issued is refused.
    static func issuesIdentities<Server: DepositServerNode>(_ server: Server.Type, seed: UInt64) throws(ScenarioFailure) {
        var random = SeededRandom(seed: seed, stream: "script")
        let sim = DepositSimulation(seed: seed, faults: FaultPlan(dropRate: Double.random(in: 0...0.2, using: &random),
                                                                  duplicateRate: 0.2, delay: .milliseconds(1)...(.milliseconds(30))))
        let servers = addServers(server, to: sim, count: Int.random(in: 3...4, using: &random), repairs: false)
        let oracle = DepositOracle(sim, servers: servers)
        try oracle.run(until: .milliseconds(300))  // the servers hear each other
        let clients = (1...Int.random(in: 4...6, using: &random)).map { NodeID("c\($0)") }
        for (index, client) in clients.enumerated() {
            let order = servers.shuffled(using: &random)
            sim.schedule(at: .milliseconds(300 + 150 * index)) { addClient(client, to: $0, servers: order) }
        }
        var crashed: NodeID?
        let welcomed = try oracle.run(until: { sim in
            if crashed == nil, let first = received(by: clients[0], in: sim).first(where: { if case .welcome = $0.message { true } else { false } }) {
                crashed = first.from
                sim.crash(first.from)
            }
            return clients.allSatisfy { welcomedID(of: $0, in: sim) != nil || events(of: $0, in: sim).contains(.unknownID) }
        }, deadline: .seconds(20))
        try expect(welcomed, "every client to be welcomed within 20 s", observed: "only \(clients.filter { welcomedID(of: $0, in: sim) != nil }.map(\.name)) were",
                   trace: sim.trace)
        var ids: [ClientID] = []
        for client in clients {
            guard let id = welcomedID(of: client, in: sim) else {
                throw oracle.failure("\(client), saying hello without an id, to be issued one", observed: "it was refused: unknown id")
            }
            let bits = id.bytes.reduce(0) { $0 + $1.nonzeroBitCount }
            try expect((32...96).contains(bits), "\(client)'s id to be 128 random bits (about 64 set; a counter or a clock is not an id)",
                       observed: "\(id) has \(bits) bits set", trace: sim.trace)
            try expect(!ids.contains(id), "every client to get its own id", observed: "\(client) got \(id), issued already", trace: sim.trace)
            ids.append(id)
        }
        let running = servers.filter { sim.isUp($0) }
        let unknown = ClientID(bytes: (0..<16).map { _ in UInt8.random(in: 0...255, using: &random) })!
        var returning: [(NodeID, ClientID?)] = []
        for (index, id) in ids.enumerated() {
            for server in running {
                let name = NodeID("c\(index + 1)@\(server)")
                addClient(name, to: sim, servers: [server], id: id)
                returning.append((name, id))
            }
        }
        addClient("intruder", to: sim, servers: running, id: unknown)
        returning.append(("intruder", nil))
        try oracle.run(until: { sim in returning.allSatisfy { !events(of: $0.0, in: sim).isEmpty } }, deadline: sim.now + .seconds(20))
        for (name, id) in returning {
            let first = events(of: name, in: sim).first
            if let id {
                let why = crashed.map { " (\($0), which issued c1's id, crashed when c1 was welcomed)" } ?? ""
                try expect(first == .welcome(id), "\(name), reconnecting with its id \(id), to be welcomed back\(why)",
                           observed: first.map { "\($0)" } ?? "no answer in 20 s", trace: sim.trace)
            } else {
                try expect(first == .unknownID, "an id no server issued (\(unknown)) to be refused as unknown",
                           observed: first.map { "\($0)" } ?? "no answer in 20 s", trace: sim.trace)
            }
        }
    }

    /// Exercise 2.1, a pure function: `rank` over random sets of 1–8 servers for many owners and names.
    static func ranksServers<Server: DepositServerNode>(_: Server.Type, seed: UInt64) throws(ScenarioFailure) {
        var random = SeededRandom(seed: seed, stream: "script")
        func rank(_ owner: ClientID, _ name: String, _ servers: [NodeID]) throws(ScenarioFailure) -> [NodeID] {
            try DepositScenarios.rank(Server.self, owner: owner, name: name, among: servers)
        }
        let pool = (1...12).map { NodeID("srv-\($0)") }
        for round in 0..<40 {
            let owner = ClientID(bytes: (0..<16).map { _ in UInt8.random(in: 0...255, using: &random) })!
            let name = "file-\(round)-\(UInt32.random(in: 0...UInt32.max, using: &random)).bin"
            let servers = Array(pool.shuffled(using: &random).prefix(Int.random(in: 1...8, using: &random)))
            let order = try rank(owner, name, servers)
            let what = "rank(\(owner), '\(name)', \(servers.map(\.name)))"
            try expect(order.count == servers.count && Set(order) == Set(servers), "\(what) to hold each server once",
                       observed: "\(order.map(\.name))")
            let again = try rank(owner, name, servers.shuffled(using: &random))
            try expect(again == order, "\(what) to give the same order whatever the input order", observed: "\(order.map(\.name)), then \(again.map(\.name))")
            guard servers.count > 1 else { continue }
            let gone = servers[Int.random(in: 0..<servers.count, using: &random)]
            let without = try rank(owner, name, servers.filter { $0 != gone })
            try expect(without == order.filter { $0 != gone }, "removing \(gone) from \(what) to leave the other servers in their order",
                       observed: "\(order.map(\.name)) became \(without.map(\.name))")
        }
        let five = Array(pool.prefix(5)), owner = ClientID(bytes: (0..<16).map { _ in UInt8.random(in: 0...255, using: &random) })!
        var firsts: [NodeID: Int] = [:]
        for number in 0..<2_000 {
            let order = try rank(owner, "photo-\(number).jpg", five)
            guard let first = order.first else {
                throw ScenarioFailure(.wrong(expected: "rank over \(five.map(\.name)) to hold each server once", observed: "[]"))
            }
            firsts[first, default: 0] += 1
        }
        for server in five {
            try expect((280...520).contains(firsts[server, default: 0]), "the first places of 2,000 files over 5 servers to spread evenly (about 400 each)",
                       observed: five.map { "\($0): \(firsts[$0, default: 0])" }.joined(separator: ", "))
        }
    }
}
