import ZapsZapKit

extension ZapsZapScenarios {
    /// Exercise 1.1: a member greets two probes that never answer, so it greets again and again; it crashes
    /// and restarts twice. Every datagram must open with the grader's codec, carry a hello, and use a nonce
    /// never used before; each start must use a higher epoch.
    static func sealsDatagrams<Peer: ChatPeerNode>(_: Peer.Type, seed: UInt64) throws(ScenarioFailure) {
        var random = SeededRandom(seed: seed, stream: "script")
        let sim = ZapSimulation(seed: seed, faults: FaultPlan(delay: .milliseconds(1)...(.milliseconds(20))))
        let probes: [NodeID] = ["probe-1", "probe-2"]
        for probe in probes { sim.add(probe) { Bystander() } }
        let alice = sim.add("alice") { Peer(config: config(peers: probes, helloRetry: .milliseconds(150))) }
        let crash1 = randomTime(500...900, &random), restart1 = crash1 + randomTime(50...300, &random)
        let crash2 = restart1 + randomTime(400...700, &random), restart2 = crash2 + randomTime(50...300, &random)
        sim.schedule(at: crash1) { $0.crash("alice") }
        sim.schedule(at: restart1) { $0.restart("alice") }
        sim.schedule(at: crash2) { $0.crash("alice") }
        sim.schedule(at: restart2) { $0.restart("alice") }
        try sim.grade(until: restart2 + .milliseconds(600))

        let starts = [Duration.zero, restart1, restart2]
        var epochs: [UInt32?] = [nil, nil, nil]
        var lastCounter: [UInt64?] = [nil, nil, nil]
        for record in sim.messages where record.event == .sent && record.from == "alice" {
            let when = time(record.time)
            let incarnation = starts.lastIndex { $0 <= record.time }!
            let opened: GraderCodec.Opened
            switch codec.open(record.message) {
            case let .success(value): opened = value
            case .failure: throw ScenarioFailure(.wrong(
                expected: "every datagram of alice to open under its sender key, with nonce (epoch, counter) and its header as associated data",
                observed: "the datagram sent to \(record.to) at \(when) does not: \(codec.diagnose(record.message))"), trace: sim.trace)
            }
            let header = opened.header
            guard case .hello = opened.payload else {
                throw ScenarioFailure(.wrong(expected: "alice to send only hellos (nobody ever answers her)",
                                             observed: "\(opened.payload) at \(when)"), trace: sim.trace)
            }
            if let epoch = epochs[incarnation] {
                try expect(header.epoch == epoch, "one epoch per start: alice's start at \(time(starts[incarnation])) uses epoch \(epoch)",
                           observed: "a datagram at \(when) has epoch \(header.epoch)", trace: sim.trace)
            } else {
                if incarnation > 0, let previous = epochs[incarnation - 1] {
                    try expect(header.epoch > previous, "each start to use a higher epoch than the start before (restored, plus one, stored before use)",
                               observed: "after the restart at \(time(starts[incarnation])) alice seals with epoch \(header.epoch); before, with epoch \(previous)",
                               trace: sim.trace)
                }
                epochs[incarnation] = header.epoch
            }
            if let last = lastCounter[incarnation] {
                try expect(header.counter > last, "the counter to move on with every datagram sealed",
                           observed: "counter \(header.counter) at \(when) after counter \(last)", trace: sim.trace)
            }
            lastCounter[incarnation] = header.counter
        }
        for (incarnation, start) in starts.enumerated() {
            try expect(epochs[incarnation] != nil, "alice to greet probe-1 and probe-2 when she starts at \(time(start))",
                       observed: "no datagram from that start", trace: sim.trace)
        }
        try ChatOracle(sim: sim, members: [alice]).checkNonces(of: ["alice"])
    }

    /// A forged datagram and what a correct member does with it.
    struct Forgery {
        var from: NodeID
        var datagram: ZapDatagram
        var reason: DropReason
        var what: String
    }

    /// Exercise 2.1: forged, cut, re-headed, garbled, foreign and outsider datagrams, each refused for its
    /// reason, reported once and counted. No genuine datagram is sent here (they are step 2.2's).
    static func refusesForgeries<Peer: ChatPeerNode>(_: Peer.Type, seed: UInt64) throws(ScenarioFailure) {
        var random = SeededRandom(seed: seed, stream: "script")
        let sim = ZapSimulation(seed: seed, faults: FaultPlan(delay: .milliseconds(1)...(.milliseconds(20))))
        let bob = sim.add("bob") { Peer(config: config()) }
        for name in ["probe-1", "outsider", "attacker"] as [NodeID] { sim.add(name) { Bystander() } }
        var kinds = Array(0..<forgeryKinds)
        for _ in 0..<8 { kinds.append(Int.random(in: 0..<forgeryKinds, using: &random)) }
        kinds.shuffle(using: &random)
        var probe = ProbeSender("probe-1", codec: codec)
        var outsider = ProbeSender("outsider", codec: GraderCodec(key: outsiderKey))
        let forgeries = kinds.map { forge($0, &probe, &outsider, &random) }
        for (index, forgery) in forgeries.enumerated() {
            sim.schedule(at: .milliseconds(40 * (index + 1))) { $0.inject(forgery.datagram, from: forgery.from, to: "bob") }
        }
        try sim.grade(until: .milliseconds(40 * (forgeries.count + 2)))

        let oracle = ChatOracle(sim: sim, members: [bob])
        var expected = DropCounts()
        for (record, refused) in oracle.refusals(at: "bob") {
            guard let forgery = forgeries.first(where: { $0.datagram == record.message && $0.from == record.from }) else { continue }
            expected[forgery.reason] += 1
            try expect(refused == forgery.reason, "bob to refuse the datagram \(forgery.what) (from \(forgery.from), at \(time(record.time))) as \(forgery.reason)",
                       observed: refused.map { "refused as \($0)" } ?? "accepted (no .dropped reported)", trace: sim.trace)
        }
        let others = sim.deliveries.filter { delivery in
            if case .dropped = delivery.output { false } else { true }
        }
        try expect(others.isEmpty, "bob to show nothing but refusals", observed: others.map { "\($0.output)" }.joined(separator: "; "), trace: sim.trace)
        let counted = sim.state(of: bob)?.rejections
        try expect(counted == expected, "bob's rejections to count \(expected)", observed: counted.map(\.description) ?? "bob is down", trace: sim.trace)
    }

    /// How many kinds of forgery `forge` makes.
    static let forgeryKinds = 14

    /// Forgery number `kind`, its nonce (when it has a genuine one) taken from `probe`.
    static func forge(_ kind: Int, _ probe: inout ProbeSender, _ outsider: inout ProbeSender, _ random: inout SeededRandom) -> Forgery {
        let payload = ZapPayload.presence(members: [probe.name])
        func flip(_ bytes: [UInt8], in range: Range<Int>) -> [UInt8] {
            var bytes = bytes
            bytes[Int.random(in: range, using: &random)] ^= UInt8.random(in: 1...255, using: &random)
            return bytes
        }
        func headerLength(_ datagram: ZapDatagram) -> Int {
            guard let parts = try? datagram.split() else { preconditionFailure("the grader's own datagrams parse") }
            return parts.headerBytes.count
        }
        func reheaded(_ change: (inout DatagramHeader) -> Void) -> ZapDatagram {
            let datagram = probe.seal(payload), length = headerLength(datagram)
            guard var header = try? datagram.split().header else { preconditionFailure("the grader's own datagrams parse") }
            change(&header)
            return ZapDatagram(header: header, sealed: Array(datagram.bytes[length...]))
        }
        switch kind {
        case 0:
            return Forgery(from: "outsider", datagram: outsider.seal(payload), reason: .undecryptable, what: "sealed by an outsider with the wrong passphrase")
        case 1:
            let datagram = probe.seal(payload)
            return Forgery(from: "attacker", datagram: ZapDatagram(bytes: flip(datagram.bytes, in: headerLength(datagram)..<(datagram.bytes.count - 16))),
                           reason: .undecryptable, what: "with a ciphertext byte flipped")
        case 2:
            let datagram = probe.seal(payload)
            return Forgery(from: "attacker", datagram: ZapDatagram(bytes: flip(datagram.bytes, in: (datagram.bytes.count - 16)..<datagram.bytes.count)),
                           reason: .undecryptable, what: "with a tag byte flipped")
        case 3:
            return Forgery(from: "attacker", datagram: reheaded { $0.counter += 1 }, reason: .undecryptable, what: "whose header's counter was changed")
        case 4:
            return Forgery(from: "attacker", datagram: reheaded { $0.sender = "probe-2" }, reason: .undecryptable, what: "whose header's sender was changed")
        case 5:
            let datagram = probe.seal(payload)
            let keep = Int.random(in: headerLength(datagram)..<(datagram.bytes.count - 1), using: &random)
            return Forgery(from: "attacker", datagram: ZapDatagram(bytes: Array(datagram.bytes[..<keep])), reason: .undecryptable,
                           what: "cut to \(keep) of its \(datagram.bytes.count) bytes, after the header")
        case 6:
            let datagram = probe.seal(payload)
            let keep = Int.random(in: 1..<headerLength(datagram), using: &random)
            return Forgery(from: "attacker", datagram: ZapDatagram(bytes: Array(datagram.bytes[..<keep])), reason: .malformed,
                           what: "cut to \(keep) bytes, inside its header")
        case 7:
            var bytes = (0..<Int.random(in: 1...80, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            if bytes[0] == DatagramHeader.currentVersion { bytes[0] = 0x7F }
            return Forgery(from: "attacker", datagram: ZapDatagram(bytes: bytes), reason: .malformed, what: "of \(bytes.count) random bytes")
        case 8:
            return Forgery(from: "attacker", datagram: ZapDatagram(bytes: []), reason: .malformed, what: "of no bytes at all")
        case 9:
            var header = probe.nextHeader()
            header.version = 2
            return Forgery(from: "probe-1", datagram: probe.codec.seal(plaintext: payload.encoded(), header: header), reason: .malformed,
                           what: "of protocol version 2, properly sealed")
        case 10:
            let foreign = GraderCodec(key: GroupKey(group: "other-room", passphrase: "correct horse battery staple"))
            return Forgery(from: "probe-1", datagram: foreign.seal(payload, as: "probe-1", epoch: 1, counter: probe.nextHeader().counter),
                           reason: .malformed, what: "of another group (another tag)")
        case 11:
            let garble = [UInt8.random(in: 8...255, using: &random)] + (0..<Int.random(in: 0...30, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            return Forgery(from: "probe-1", datagram: probe.codec.seal(plaintext: garble, header: probe.nextHeader()), reason: .malformed,
                           what: "properly sealed around a payload that does not decode")
        case 12:
            return Forgery(from: "probe-1", datagram: probe.codec.seal(plaintext: payload.encoded() + [0], header: probe.nextHeader()),
                           reason: .malformed, what: "properly sealed around a payload followed by a stray byte")
        default:
            var writer = WireWriter()
            writer.writeFixed(DatagramHeader.currentVersion)
            writer.writeRaw(key.tag)
            writer.writeBytes(Array(repeating: UInt8(ascii: "m"), count: ZapLimits.maxNameBytes + 1))
            writer.writeFixed(UInt32(1))
            writer.writeFixed(UInt64(0))
            writer.writeRaw((0..<32).map { _ in UInt8.random(in: 0...255, using: &random) })
            return Forgery(from: "attacker", datagram: ZapDatagram(bytes: writer.bytes), reason: .malformed,
                           what: "whose header names a sender of \(ZapLimits.maxNameBytes + 1) bytes")
        }
    }

    /// Exercise 2.2: two probes send genuine datagrams through a network that copies and reorders them; one
    /// probe restarts (new epoch) and an old-epoch datagram of it arrives late; an attacker replays captured
    /// datagrams. First copies are accepted, all else refused as replayed.
    static func refusesReplays<Peer: ChatPeerNode>(_: Peer.Type, seed: UInt64) throws(ScenarioFailure) {
        var random = SeededRandom(seed: seed, stream: "script")
        let sim = ZapSimulation(seed: seed, faults: FaultPlan(duplicateRate: 0.3, delay: .milliseconds(1)...(.milliseconds(80))))
        let bob = sim.add("bob") { Peer(config: config()) }
        for name in ["ann", "ben", "attacker"] as [NodeID] { sim.add(name) { Bystander() } }
        var ann = ProbeSender("ann", codec: codec), ben = ProbeSender("ben", codec: codec)
        for _ in 0..<25 {
            let datagram = ann.seal(.presence(members: ["ann"]))
            sim.schedule(at: randomTime(0...3_000, &random)) { $0.inject(datagram, from: "ann", to: "bob") }
        }
        for _ in 0..<12 {
            let datagram = ben.seal(.presence(members: ["ben"]))
            sim.schedule(at: randomTime(0...1_400, &random)) { $0.inject(datagram, from: "ben", to: "bob") }
        }
        var oldBen = ben
        ben.restart()
        for _ in 0..<12 {
            let datagram = ben.seal(.presence(members: ["ben"]))
            sim.schedule(at: randomTime(1_500...3_000, &random)) { $0.inject(datagram, from: "ben", to: "bob") }
        }
        let stale = oldBen.seal(.presence(members: ["ben"]))  // Never sent before: refused only for its old epoch.
        sim.schedule(at: randomTime(2_600...3_200, &random)) { $0.inject(stale, from: "ben", to: "bob") }
        for _ in 0..<15 {
            let pick = UInt64.random(in: 0...UInt64.max, using: &random)
            sim.schedule(at: randomTime(500...3_500, &random)) { sim in
                let captured = sim.messages.filter { $0.event == .sent && $0.to == "bob" && $0.from != "attacker" }
                guard !captured.isEmpty else { return }
                sim.inject(captured[Int(pick % UInt64(captured.count))].message, from: "attacker", to: "bob")
            }
        }
        try sim.grade(until: .seconds(4))

        var accepted: Set<ChatOracle<Peer>.Nonce> = []
        var newest: [NodeID: (epoch: UInt32, highest: UInt64)] = [:]
        var replayed = 0
        for (record, refused) in ChatOracle(sim: sim, members: [bob]).refusals(at: "bob") {
            guard case let .success(opened) = codec.open(record.message) else { continue }
            let header = opened.header
            let nonce = ChatOracle<Peer>.Nonce(sender: header.sender, epoch: header.epoch, counter: header.counter)
            let what = "\(header.sender)'s datagram (epoch \(header.epoch), counter \(header.counter)) arriving from \(record.from) at \(time(record.time))"
            let known = newest[header.sender]
            if refused == .replayed { replayed += 1 }
            if accepted.contains(nonce) {
                try expect(refused == .replayed, "bob to refuse \(what) as replayed: it accepted that datagram before",
                           observed: refused.map { "refused as \($0)" } ?? "accepted again", trace: sim.trace)
            } else if let known, header.epoch < known.epoch {
                try expect(refused == .replayed, "bob to refuse \(what) as replayed: it already accepted epoch \(known.epoch) of \(header.sender)",
                           observed: refused.map { "refused as \($0)" } ?? "accepted", trace: sim.trace)
            } else if let known, header.epoch == known.epoch, header.counter + ZapLimits.replayWindow <= known.highest {
                continue  // Too old to tell: either answer is right.
            } else {
                try expect(refused == nil, "bob to accept \(what): it is the first copy", observed: "refused as \(refused!)", trace: sim.trace)
                accepted.insert(nonce)
                let highest = known?.epoch == header.epoch ? max(known!.highest, header.counter) : header.counter
                newest[header.sender] = (header.epoch, highest)
            }
        }
        let counted = sim.state(of: bob)?.rejections
        try expect(counted == DropCounts(replayed: replayed), "bob's rejections to count \(DropCounts(replayed: replayed))",
                   observed: counted.map(\.description) ?? "bob is down", trace: sim.trace)
    }
}
