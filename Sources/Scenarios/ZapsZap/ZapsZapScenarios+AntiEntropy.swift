import ZapsZapKit

extension ZapsZapScenarios {
    /// Exercise 5.1: a member holding 17 messages (one missing in the middle) answers sync requests behind,
    /// ahead, equal, empty, and naming an unknown sender, with and without reciprocate.
    static func answersDigests<Peer: ChatPeerNode>(_: Peer.Type, seed: UInt64) throws(ScenarioFailure) {
        var random = SeededRandom(seed: seed, stream: "script")
        let sim = ZapSimulation(seed: seed, faults: FaultPlan(delay: .milliseconds(1)...(.milliseconds(5))))
        sim.add("finn") { Peer(config: config()) }
        let senders: [NodeID] = ["ann", "ben", "cal"]
        for name in senders + ["quinn"] { sim.add(name) { Bystander() } }
        let held = history(senders, counts: [9, 6, 3], longest: 100, withheld: [MessageID(sender: "ann", seq: 5)], &random)
        let codec = MemberCodec<Peer>(key: key)
        var at = try feed(held, to: "finn", in: sim, every: .milliseconds(10), codec: codec, &random) + .milliseconds(200)
        let truth = SyncAnswerCheck(sim: sim, codec: codec, node: "finn", held: held, pageBytes: 1000)
        func upTo(_ count: UInt64) -> UInt64 { UInt64.random(in: 0...count, using: &random) }
        let requests: [(digest: SyncDigest, reciprocate: Bool)] = [
            (SyncDigest(clock: 5, heads: [.init(sender: "ann", seq: 4), .init(sender: "ben", seq: 6), .init(sender: "cal", seq: 3)]), true),
            (SyncDigest(clock: 1, heads: [.init(sender: "ann", seq: upTo(4)), .init(sender: "ben", seq: upTo(6))]), false),
            (SyncDigest(clock: 70, heads: [.init(sender: "ann", seq: 9), .init(sender: "ben", seq: upTo(6))]), true),
            (SyncDigest(clock: 70, heads: [.init(sender: "ann", seq: 9), .init(sender: "ben", seq: 6), .init(sender: "cal", seq: 3), .init(sender: "zed", seq: 2)]), false),
            (SyncDigest(clock: 0, heads: []), true),
            (SyncDigest(clock: 2, heads: [.init(sender: "zed", seq: 2)]), true),
        ]
        var quinn = ProbeSender("quinn", codec: codec)
        var asked: [[UInt8]: (digest: SyncDigest, reciprocate: Bool)] = [:]  // What each of quinn's datagrams asks.
        for request in requests.shuffled(using: &random) {
            let datagram = try quinn.seal(.syncRequest(request.digest, reciprocate: request.reciprocate))
            asked[datagram.bytes] = request
            sim.schedule(at: at) { $0.inject(datagram, from: "quinn", to: "finn") }
            at += .milliseconds(100)
        }
        try sim.grade(until: at + .milliseconds(50))

        for record in sim.messages where record.event == .received && record.to == "finn" && record.from == "quinn" {
            guard let request = asked[record.message.bytes] else { continue }
            try truth.check(record, asking: .syncRequest(request.digest, reciprocate: request.reciprocate), digest: request.digest,
                            members: false, listing: [], digestBack: request.reciprocate && truth.isAhead(request.digest))
        }
        try ChatOracle<Peer>(sim: sim, members: []).checkNonces(of: ["finn"])
    }

    /// Exercise 5.2: members chat through 30 % loss, copies, reordering and a partition; once the network
    /// heals they must converge. Then, in sync, a round must cost one small digest and nothing else.
    static func convergesUnderLoss<Peer: ChatPeerNode>(_: Peer.Type, seed: UInt64) throws(ScenarioFailure) {
        var random = SeededRandom(seed: seed, stream: "script")
        let sim = ZapSimulation(seed: seed, faults: .lossy(0.3, duplicateRate: 0.2, delay: .milliseconds(1)...(.milliseconds(80))))
        let codec = MemberCodec<Peer>(key: key)
        let names = Array(memberNames.prefix(Int.random(in: 3...5, using: &random)))
        let members = names.enumerated().map { index, name in
            sim.add(name) { Peer(config: config(peers: [names[index == 0 ? 1 : 0]], sync: .milliseconds(200))) }
        }
        let cut = names[Int.random(in: 1..<names.count, using: &random)]
        let split = randomTime(600...1_000, &random), heal = split + randomTime(1_200...1_800, &random)
        sim.schedule(at: split) { $0.partition([[cut], names.filter { $0 != cut }]) }
        sim.schedule(at: heal) { $0.heal() }
        chatter(sim, members, steps: 40, from: 200, until: 3_500, &random)
        let calm = Duration.seconds(4)
        sim.schedule(at: calm) { $0.faults = FaultPlan(delay: .milliseconds(1)...(.milliseconds(20))) }
        try sim.grade(until: calm)

        let oracle = ChatOracle(sim: sim, members: members)
        try oracle.checkConvergesAfterFaults(by: .seconds(20), "within 16 s of the network healing (sync every 0.2 s)")
        try oracle.checkNonces(of: Set(names))

        // A digest sent before the histories met may still be on its way (up to 80 ms, the delay before the
        // calm), and its answer rightly carries what that digest lacked; the check starts once both have landed.
        let synced = sim.now + .milliseconds(80 + 20)
        try sim.grade(until: synced + .seconds(1))
        let bound = 64 + 16 * names.count
        for record in sim.messages where record.event == .sent && record.time > synced && names.contains(record.from) {
            let payload = try codec.payload(of: record.message)
            switch payload {
            case .syncRequest(_, true)?, .hello?, .members?:
                try expect(record.message.bytes.count <= bound, "in sync, a round to cost one digest of at most \(bound) bytes, whatever the history's length",
                           observed: "\(record.from) sent a \(record.message.bytes.count)-byte digest at \(time(record.time))", trace: sim.trace)
            default:
                throw ScenarioFailure(.wrong(expected: "in sync (from \(time(synced))), members to send nothing but one digest per round",
                                             observed: "\(record.from) sent \(payload.map(\.description) ?? "a datagram that does not open") to \(record.to) at \(time(record.time))"),
                                      trace: sim.trace)
            }
        }
    }
}
