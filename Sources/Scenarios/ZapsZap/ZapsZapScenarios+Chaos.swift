import ZapsZapKit

extension ZapsZapScenarios {
    /// Exercise 5.2, everything at once: 4–8 members with random loss, copies and delays, a partition, a crash,
    /// a late joiner, an outsider with the wrong passphrase, and an attacker replaying, flipping, cutting and
    /// inventing datagrams. Once the faults stop, the members must converge; nothing may leak either way.
    static func survivesChaos<Peer: ChatPeerNode>(_: Peer.Type, seed: UInt64) throws(ScenarioFailure) {
        var random = SeededRandom(seed: seed, stream: "script")
        let faults = FaultPlan(dropRate: Double.random(in: 0...0.3, using: &random), duplicateRate: Double.random(in: 0...0.2, using: &random),
                               delay: .milliseconds(1)...randomTime(20...100, &random))
        let sim = ZapSimulation(seed: seed, faults: faults)
        let names = Array(memberNames.prefix(Int.random(in: 4...8, using: &random)))
        let late = names.last!, crasher = names[Int.random(in: 0..<(names.count - 1), using: &random)]
        let knowsMallory = names[Int.random(in: 0..<(names.count - 1), using: &random)]
        var members: [NodeHandle<Peer>] = []
        for (index, name) in names.enumerated() {
            var peers = index == 0 ? [names[1]] : Array(Set((0..<Int.random(in: 1...2, using: &random)).map { _ in names[Int.random(in: 0..<index, using: &random)] })).sorted()
            if name == knowsMallory { peers.append("mallory") }
            let setup = config(peers: peers, helloRetry: .milliseconds(400), sync: .milliseconds(250))
            members.append(sim.add(name) { Peer(config: setup) })
        }
        let outsider = config(peers: [names[Int.random(in: 0..<names.count, using: &random)]], key: outsiderKey, sync: .milliseconds(250))
        let mallory = sim.add("mallory") { Peer(config: outsider) }
        sim.add("trudy") { Bystander() }
        sim.crash(late)  // Not started yet: joins later.
        sim.schedule(at: randomTime(1_500...3_000, &random)) { $0.restart(late) }
        let crash = randomTime(1_000...2_500, &random)
        sim.schedule(at: crash) { $0.crash(crasher) }
        sim.schedule(at: crash + randomTime(500...2_000, &random)) { $0.restart(crasher) }
        let shuffled = names.shuffled(using: &random), cut = Int.random(in: 1..<names.count, using: &random)
        let split = randomTime(500...2_000, &random)
        sim.schedule(at: split) { $0.partition([Array(shuffled[..<cut]), Array(shuffled[cut...])]) }
        sim.schedule(at: split + randomTime(1_000...2_000, &random)) { $0.heal() }
        chatter(sim, members, steps: Int.random(in: 30...50, using: &random), from: 200, until: 5_000, &random)
        for number in 1...3 {
            sim.schedule(at: randomTime(200...5_000, &random)) { $0.command(.say("mallory whispers \(number)"), to: mallory) }
        }
        scheduleAttacks(sim, honest: Set(names), &random)
        let calm = Duration.milliseconds(5_500)
        sim.schedule(at: calm) { sim in
            sim.heal()
            sim.faults = FaultPlan(delay: .milliseconds(1)...(.milliseconds(20)))
            for name in names where !sim.isUp(name) { sim.restart(name) }
        }
        try sim.grade(until: calm)

        let oracle = ChatOracle(sim: sim, members: members)
        try oracle.checkConvergesAfterFaults(by: .seconds(30), "once the faults stopped at \(time(calm)) (sync every 0.25 s)")
        try oracle.checkNonces(of: Set(names + ["mallory"]))
        try checkOutsider(sim, oracle: oracle, names: names)
        try checkAttacks(sim, oracle: oracle, names: names)
    }

    /// Every 80–150 ms the attacker takes a datagram one member sent another, and injects it again — to the
    /// same member or another — or a copy with a byte flipped, cut short, or plain garbage.
    static func scheduleAttacks(_ sim: ZapSimulation, honest: Set<NodeID>, _ random: inout SeededRandom) {
        var at = Duration.milliseconds(300)
        let targets = honest.sorted()
        while at < .milliseconds(5_000) {
            let roll = Int.random(in: 0..<100, using: &random), pick = UInt64.random(in: 0...UInt64.max, using: &random)
            let other = targets[Int.random(in: 0..<targets.count, using: &random)]
            let noise = (0..<Int.random(in: 1...60, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            let position = UInt64.random(in: 0...UInt64.max, using: &random), flip = UInt8.random(in: 1...255, using: &random)
            sim.schedule(at: at) { sim in
                let captured = sim.messages.filter { $0.event == .sent && honest.contains($0.from) && honest.contains($0.to) }
                guard !captured.isEmpty else { return }
                let record = captured[Int(pick % UInt64(captured.count))]
                var bytes = record.message.bytes, target = record.to
                guard !bytes.isEmpty else { return }
                switch roll {
                case ..<40: break
                case ..<60: target = other
                case ..<75: bytes[Int(position % UInt64(bytes.count))] ^= flip
                case ..<90: bytes = Array(bytes[..<Int(position % UInt64(bytes.count))])
                default: bytes = noise
                }
                sim.inject(ZapDatagram(bytes: bytes), from: "trudy", to: target)
            }
            at += randomTime(80...150, &random)
        }
    }

    /// The outsider read nothing (its history holds only its own lines, it showed no member's message) and
    /// injected nothing (every datagram of it that reached a member was refused as undecryptable).
    static func checkOutsider<Peer: ChatPeerNode>(_ sim: ZapSimulation, oracle: ChatOracle<Peer>, names: [NodeID]) throws(ScenarioFailure) {
        for delivery in sim.deliveries where delivery.node == "mallory" {
            if let message = ChatOracle<Peer>.shown(delivery.output) {
                try expect(message.sender == "mallory", "mallory, who has the wrong passphrase, to read nothing of the group",
                           observed: "she showed \(message) at \(time(delivery.time))", trace: sim.trace)
            }
        }
        for delivery in sim.deliveries where names.contains(delivery.node) {
            if let message = ChatOracle<Peer>.shown(delivery.output) {
                try expect(message.sender != "mallory", "no member to show anything mallory (wrong passphrase) wrote",
                           observed: "\(delivery.node) showed \(message) at \(time(delivery.time))", trace: sim.trace)
            }
        }
        for name in names {
            for (record, refused) in oracle.refusals(at: name) where record.from == "mallory" {
                try expect(refused == .undecryptable, "\(name) to refuse mallory's datagram at \(time(record.time)) as undecryptable (wrong passphrase)",
                           observed: refused.map { "refused as \($0)" } ?? "accepted", trace: sim.trace)
            }
        }
    }

    /// Every forged datagram (bytes no member ever sent) was refused for the reason a correct member gives;
    /// every copy of a datagram a member had already received since its last start was refused as replayed.
    static func checkAttacks<Peer: ChatPeerNode>(_ sim: ZapSimulation, oracle: ChatOracle<Peer>, names: [NodeID]) throws(ScenarioFailure) {
        var genuine: Set<[UInt8]> = []
        for record in sim.messages where record.event == .sent && names.contains(record.from) { genuine.insert(record.message.bytes) }
        for name in names {
            let starts = sim.trace.filter { $0.kind == .restart && $0.node == name }.map(\.time)
            var received: Set<[UInt8]> = [], incarnation = Duration.zero
            for (record, refused) in oracle.refusals(at: name) {
                if let start = starts.last(where: { $0 <= record.time }), start > incarnation {
                    incarnation = start
                    received = []
                }
                let bytes = record.message.bytes
                defer { received.insert(bytes) }
                guard record.from == "trudy" else { continue }
                let when = time(record.time)
                if !genuine.contains(bytes) {
                    let reason = Forgery.reason(forUnsealed: record.message, group: key)
                    try expect(refused == reason, "\(name) to refuse the attacker's forged datagram at \(when) (\(bytes.count) bytes) as \(reason)",
                               observed: refused.map { "refused as \($0)" } ?? "accepted", trace: sim.trace)
                } else if received.contains(bytes) {
                    try expect(refused == .replayed, "\(name) to refuse the attacker's copy at \(when) of a datagram it received before, as replayed",
                               observed: refused.map { "refused as \($0)" } ?? "accepted again", trace: sim.trace)
                }
            }
        }
    }
}
