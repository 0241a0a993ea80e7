import ZapsZapKit

extension ZapsZapScenarios {
    /// Messages from `senders` for a member to hold: `counts` of each, with random lengths up to `longest`
    /// bytes, increasing timestamps per sender, and the sequence numbers in `withheld` left out (gaps).
    static func history(_ senders: [NodeID], counts: [Int], longest: Int, withheld: Set<MessageID> = [],
                        _ random: inout SeededRandom) -> [ChatMessage] {
        var messages: [ChatMessage] = []
        for (sender, count) in zip(senders, counts) {
            var lamport = UInt64.random(in: 1...5, using: &random)
            for seq in 1...UInt64(count) where !withheld.contains(MessageID(sender: sender, seq: seq)) {
                messages.append(ChatMessage(sender: sender, seq: seq, lamport: lamport,
                                            text: text(sender, Int(seq), length: Int.random(in: 1...longest, using: &random))))
                lamport += UInt64.random(in: 1...4, using: &random)
            }
        }
        return messages
    }

    /// Injects each message as a chat from its sender to `node`, one every `gap`, in random order; returns when
    /// the last one leaves.
    static func feed<Peer: ChatPeerNode>(_ messages: [ChatMessage], to node: NodeID, in sim: ZapSimulation, every gap: Duration,
                                         codec: MemberCodec<Peer>, _ random: inout SeededRandom) throws(ScenarioFailure) -> Duration {
        var probes: [NodeID: ProbeSender<Peer>] = [:]
        var at = Duration.zero
        for message in messages.shuffled(using: &random) {
            at += gap
            var probe = probes[message.sender] ?? ProbeSender(message.sender, codec: codec)
            let datagram = try probe.seal(.chat(message))
            probes[message.sender] = probe
            sim.schedule(at: at) { $0.inject(datagram, from: message.sender, to: node) }
        }
        return at
    }

    /// Exercise 4.1 (and 4.2): a member holding ~120 messages of three senders (one with a gap) answers hellos
    /// with chosen digests: empty, behind, equal, and ahead. Each answer is checked exactly.
    static func answersHellosWithPages<Peer: ChatPeerNode>(_: Peer.Type, seed: UInt64) throws(ScenarioFailure) {
        var random = SeededRandom(seed: seed, stream: "script")
        let pageBytes = Int.random(in: 300...1_000, using: &random)
        let sim = ZapSimulation(seed: seed, faults: FaultPlan(delay: .milliseconds(1)...(.milliseconds(10))))
        sim.add("erin") { Peer(config: config(pageBytes: pageBytes)) }
        let senders: [NodeID] = ["ann", "ben", "cal"]
        for name in senders + ["newbie"] { sim.add(name) { Bystander() } }
        let counts = [Int.random(in: 30...50, using: &random), Int.random(in: 30...50, using: &random), Int.random(in: 10...20, using: &random)]
        let held = history(senders, counts: counts, longest: 400, withheld: [MessageID(sender: "cal", seq: 7)], &random)
        let codec = MemberCodec<Peer>(key: key)
        var at = try feed(held, to: "erin", in: sim, every: .milliseconds(8), codec: codec, &random) + .milliseconds(200)

        func behind(_ count: Int) -> UInt64 { UInt64.random(in: 0...UInt64(count), using: &random) }
        let truth = SyncAnswerCheck(sim: sim, codec: codec, node: "erin", held: held, pageBytes: pageBytes)
        let exact = truth.heads.map { SyncDigest.Head(sender: $0.key, seq: $0.value) }
        let digests = [
            SyncDigest(clock: 0, heads: []),
            SyncDigest(clock: 3, heads: [.init(sender: "ann", seq: behind(counts[0])), .init(sender: "cal", seq: behind(6))]),
            SyncDigest(clock: 40, heads: exact),
            SyncDigest(clock: 90, heads: [.init(sender: "ben", seq: behind(counts[1])), .init(sender: "cal", seq: UInt64(counts[2])),
                                          .init(sender: "zed", seq: 3)]),
        ]
        var newbie = ProbeSender("newbie", codec: codec)
        for digest in digests {
            let datagram = try newbie.seal(.hello(digest))
            sim.schedule(at: at) { $0.inject(datagram, from: "newbie", to: "erin") }
            at += .milliseconds(200)
        }
        try sim.grade(until: at + .milliseconds(100))

        let hellos = sim.messages.filter { $0.event == .received && $0.to == "erin" && $0.from == "newbie" }
        try expect(hellos.count == digests.count, "erin to receive \(digests.count) hellos", observed: "\(hellos.count)", trace: sim.trace)
        for (record, digest) in zip(hellos, digests) {
            try truth.check(record, asking: .hello(digest), digest: digest, members: true, listing: Set(senders + ["erin"]), digestBack: truth.isAhead(digest))
        }
        try ChatOracle<Peer>(sim: sim, members: []).checkNonces(of: ["erin"])
    }

    /// Exercise 4.2: members chat; a late member who knows only one of them joins: it must catch up on its
    /// hello, learn the whole group from the answer, and reach everyone with its own messages.
    static func catchesUpLateJoiner<Peer: ChatPeerNode>(_: Peer.Type, seed: UInt64) throws(ScenarioFailure) {
        var random = SeededRandom(seed: seed, stream: "script")
        let sim = ZapSimulation(seed: seed, faults: FaultPlan(duplicateRate: 0.2, delay: .milliseconds(1)...(.milliseconds(40))))
        let names = Array(memberNames.prefix(Int.random(in: 3...5, using: &random)))
        let members = names.map { name in sim.add(name) { Peer(config: config(peers: names.filter { $0 != name })) } }
        let contact = names[Int.random(in: 0..<names.count, using: &random)]
        let zoe = sim.add("zoe") { Peer(config: config(peers: [contact])) }
        sim.crash("zoe")  // Not started yet: she joins later.
        let join = Duration.milliseconds(2_500)
        sim.schedule(at: join) { $0.restart("zoe") }
        chatter(sim, members, steps: Int.random(in: 40...80, using: &random), from: 200, until: 2_000, &random)
        var caughtUp: [ChatMessage] = []
        sim.schedule(at: .milliseconds(2_950)) { caughtUp = $0.state(of: zoe)?.orderedHistory ?? [] }
        sim.schedule(at: .milliseconds(3_000)) { $0.command(.say("zoe says 1"), to: zoe) }
        sim.schedule(at: .milliseconds(3_100)) { $0.command(.say("zoe says 2"), to: zoe) }
        for member in members {
            sim.schedule(at: randomTime(3_300...3_800, &random)) { $0.command(.reply(to: MessageID(sender: "zoe", seq: 1), "welcome, zoe"), to: member) }
        }
        try sim.grade(until: .milliseconds(4_500))

        let everyone = members + [zoe]
        let oracle = ChatOracle(sim: sim, members: everyone)
        let written = try oracle.written()
        let writtenBefore = Set(sim.deliveries.filter { $0.time < join }.compactMap { delivery -> MessageID? in
            guard let message = ChatOracle<Peer>.shown(delivery.output), message.sender == delivery.node else { return nil }
            return message.id
        })
        let before = ChatOracle<Peer>.ordered(written.values.filter { writtenBefore.contains($0.id) })
        try expect(caughtUp == before, "zoe, who joined at \(time(join)) knowing only \(contact), to hold all \(before.count) earlier message(s) before she speaks",
                   observed: "\(caughtUp.count) message(s)\(caughtUp.isEmpty ? ": did \(contact) answer her hello with pages?" : "")", trace: sim.trace)
        try oracle.checkShows()
        try oracle.checkConverged(ChatOracle<Peer>.ordered(written.values), "with no loss, after zoe caught up")
        try oracle.checkNonces(of: Set(names + ["zoe"]))
    }
}
