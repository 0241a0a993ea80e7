import ZapsZapKit

extension ZapsZapScenarios {
    /// Exercise 6.1: heartbeats under loss; one member crashes and comes back, a late one joins knowing a single
    /// member. Every member's presence changes are checked exactly, and everyone learns the newcomer.
    static func showsPresence<Peer: ChatPeerNode>(_: Peer.Type, seed: UInt64) throws(ScenarioFailure) {
        var random = SeededRandom(seed: seed, stream: "script")
        let timeout = Duration.milliseconds(700)
        let sim = ZapSimulation(seed: seed, faults: .lossy(0.2, duplicateRate: 0.1, delay: .milliseconds(1)...(.milliseconds(40))))
        let contacts: [NodeID: [NodeID]] = ["ann": [], "bob": ["ann"], "cat": ["ann"], "dan": ["bob"]]
        let names = contacts.keys.sorted()
        let members = names.map { name in
            sim.add(name) { Peer(config: config(peers: contacts[name]!, sync: .milliseconds(400), presence: .milliseconds(200), timeout: timeout)) }
        }
        sim.crash("dan")  // Joins later.
        let join = randomTime(1_300...1_700, &random)
        sim.schedule(at: join) { $0.restart("dan") }
        sim.schedule(at: randomTime(2_700...3_300, &random)) { $0.crash("cat") }
        sim.schedule(at: randomTime(4_700...5_300, &random)) { $0.restart("cat") }
        try sim.grade(until: .seconds(7))

        let presence = PresenceOracle(sim: sim, oracle: ChatOracle(sim: sim, members: members), codec: MemberCodec<Peer>(key: key), timeout: timeout)
        for name in names { try presence.check(name) }
        for observer in names {
            for member in names where member != observer {
                let since = observer == "dan" || member == "dan" ? join : .zero
                let shown = sim.deliveries.contains { $0.node == observer && $0.time >= since && $0.output == .presence(member, online: true) }
                try expect(shown, "\(observer) to learn of \(member) and show it online at some point (membership spreads with hellos and heartbeats)",
                           observed: "never shown online", trace: sim.trace)
            }
        }
    }

    /// Exercise 6.2: a member leaves. It sends a goodbye to every member at once and nothing ever after, shows
    /// nothing more, and the others show it offline as soon as its goodbye arrives (or at their timeout).
    static func leavesCleanly<Peer: ChatPeerNode>(_: Peer.Type, seed: UInt64) throws(ScenarioFailure) {
        var random = SeededRandom(seed: seed, stream: "script")
        let timeout = Duration.milliseconds(700)
        let sim = ZapSimulation(seed: seed, faults: .lossy(0.1, duplicateRate: 0.1, delay: .milliseconds(1)...(.milliseconds(40))))
        let names: [NodeID] = ["ann", "bob", "cat", "dan"]
        let members = names.map { name in
            sim.add(name) { Peer(config: config(peers: names.filter { $0 != name }, sync: .milliseconds(400), presence: .milliseconds(200), timeout: timeout)) }
        }
        let leaver = members[Int.random(in: 0..<members.count, using: &random)]
        let leave = randomTime(1_500...2_500, &random) + .microseconds(500)  // Off the presence checks' whole milliseconds.
        sim.schedule(at: leave) { $0.command(.leave, to: leaver) }
        sim.schedule(at: leave + .milliseconds(300)) { $0.command(.say("still here?"), to: leaver) }
        try sim.grade(until: leave + .seconds(2))

        let codec = MemberCodec<Peer>(key: key)
        let sent = sim.messages.filter { $0.event == .sent && $0.from == leaver.id && $0.time >= leave }
        var farewells: Set<NodeID> = [], shown: [String] = []
        for record in sent {
            let payload = try codec.payload(of: record.message)
            if payload == .goodbye { farewells.insert(record.to) }
            shown.append("\(payload.map(\.description) ?? "?") to \(record.to)")
        }
        let late = sent.firstIndex { $0.time > leave }
        try expect(late == nil, "\(leaver.id) to send nothing after leaving at \(time(leave))",
                   observed: late.map { "\(shown[$0]) at \(time(sent[$0].time))" } ?? "", trace: sim.trace)
        let others = Set(names).subtracting([leaver.id])
        try expect(farewells == others && sent.count == others.count, "\(leaver.id) to send one GOODBYE to each member when it leaves",
                   observed: shown.joined(separator: ", "), trace: sim.trace)
        let after = sim.deliveries.first { $0.node == leaver.id && $0.time > leave }
        try expect(after == nil, "\(leaver.id) to show nothing after leaving", observed: after.map { "\"\($0.output)\" at \(time($0.time))" } ?? "", trace: sim.trace)

        let presence = PresenceOracle(sim: sim, oracle: ChatOracle(sim: sim, members: members), codec: codec, timeout: timeout)
        for name in names { try presence.check(name) }
        for name in others.sorted() {
            let last = sim.deliveries.last { delivery in
                guard delivery.node == name, case let .presence(member, _) = delivery.output else { return false }
                return member == leaver.id
            }
            try expect(last?.output == .presence(leaver.id, online: false), "\(name) to show \(leaver.id) offline at the end",
                       observed: last.map { "\"\($0.output)\" at \(time($0.time))" } ?? "never showed it at all", trace: sim.trace)
        }
    }
}
