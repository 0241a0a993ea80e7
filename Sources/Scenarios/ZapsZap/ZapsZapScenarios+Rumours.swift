import ZapsZapKit

extension ZapsZapScenarios {
    /// Exercise 5.2, against an insider: `mole` holds the key and sends every member heartbeats listing made-up
    /// members, three times more names than a member keeps (``ZapLimits/maxMembers``). Through 30 % loss the
    /// group must still converge; no anti-entropy round may go to a name only rumoured, and no datagram of a
    /// member may go to more names than it keeps.
    static func ignoresRumours<Peer: ChatPeerNode>(_: Peer.Type, seed: UInt64) throws(ScenarioFailure) {
        var random = SeededRandom(seed: seed, stream: "script")
        let sim = ZapSimulation(seed: seed, faults: .lossy(0.3, duplicateRate: 0.1, delay: .milliseconds(1)...(.milliseconds(60))))
        let codec = MemberCodec<Peer>(key: key)
        let names = Array(memberNames.prefix(Int.random(in: 3...5, using: &random)))
        let members = names.enumerated().map { index, name in
            sim.add(name) { Peer(config: config(peers: [names[index == 0 ? 1 : 0]], sync: .milliseconds(200))) }
        }
        sim.add("mole") { Bystander() }
        var mole = ProbeSender("mole", codec: codec)
        let ghosts = (1...3 * ZapLimits.maxMembers).map { NodeID("ghost-\($0)") }
        for tick in 0..<30 {
            for name in names {
                let listed = (0..<10).map { ghosts[(tick * 10 + $0) % ghosts.count] }
                let datagram = try mole.seal(.presence(members: ["mole"] + listed))
                sim.schedule(at: .milliseconds(100 * tick + Int.random(in: 1...99, using: &random))) { $0.inject(datagram, from: "mole", to: name) }
            }
        }
        chatter(sim, members, steps: 30, from: 200, until: 3_000, &random)
        let calm = Duration.milliseconds(3_500)
        sim.schedule(at: calm) { $0.faults = FaultPlan(delay: .milliseconds(1)...(.milliseconds(20))) }
        try sim.grade(until: calm)

        let oracle = ChatOracle(sim: sim, members: members)
        try oracle.checkConvergesAfterFaults(by: .seconds(20), "within 16 s of the loss stopping (sync every 0.2 s), made-up members listed to everyone")
        let nodes = Set(sim.nodeIDs)
        for record in sim.messages where record.event == .sent && names.contains(record.from) && !nodes.contains(record.to) {
            if case .syncRequest? = try codec.payload(of: record.message) {
                throw ScenarioFailure(.wrong(expected: "anti-entropy rounds to pick only members heard from directly (or configured peers)",
                                             observed: "\(record.from) sent its digest to \(record.to), a name only mole listed, at \(time(record.time))"),
                                      trace: sim.trace)
            }
        }
        // A member seals a chat or heartbeat once for all it keeps and its configured peer (one here): no datagram
        // may go to more names than that.
        var reached: [[UInt8]: (from: NodeID, to: Set<NodeID>)] = [:]
        for record in sim.messages where record.event == .sent && names.contains(record.from) {
            reached[record.message.bytes, default: (record.from, [])].to.insert(record.to)
        }
        for (from, to) in reached.values {
            try expect(to.count <= ZapLimits.maxMembers + 1, "\(from) to keep at most \(ZapLimits.maxMembers) other members, besides its configured peer",
                       observed: "it sent one datagram to \(to.count) names: \(to.sorted().map(\.name).joined(separator: ", "))", trace: sim.trace)
        }
    }
}
