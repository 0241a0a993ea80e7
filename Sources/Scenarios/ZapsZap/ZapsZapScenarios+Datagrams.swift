import ZapsZapKit

extension ZapsZapScenarios {
    /// Exercise 1.1: first `Peer.seal` against the recorded vectors; then a member greets two probes that never
    /// answer, so it greets again and again, and crashes and restarts twice. Every datagram must be its hello
    /// sealed under its own header by `Peer.seal`, and use a nonce never used before; each start must seal from
    /// counter 0 in a higher epoch.
    static func sealsDatagrams<Peer: ChatPeerNode>(_: Peer.Type, seed: UInt64) throws(ScenarioFailure) {
        let codec = MemberCodec<Peer>(key: key)
        try checkSealVectors(codec)
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

        // Nobody ever answers her, so each hello says the same: clock 0, nothing held.
        let hello = ZapPayload.hello(SyncDigest(clock: 0, heads: []))
        let starts = [Duration.zero, restart1, restart2]
        var epochs: [UInt32?] = [nil, nil, nil]
        var lastCounter: [UInt64?] = [nil, nil, nil]
        for record in sim.messages where record.event == .sent && record.from == "alice" {
            let when = time(record.time)
            let incarnation = starts.lastIndex { $0 <= record.time }!
            guard let header = try? record.message.split().header else {
                throw ScenarioFailure(.wrong(expected: "every datagram of alice to start with a well-formed header (see DatagramHeader's wire form)",
                                             observed: "the datagram sent to \(record.to) at \(when), \(sketch(record.message)), does not"), trace: sim.trace)
            }
            try expect(header.version == DatagramHeader.currentVersion && header.groupTag == key.tag,
                       "alice's headers to say version \(DatagramHeader.currentVersion) and the group's tag \(key.tag.hex)",
                       observed: "version \(header.version), tag \(header.groupTag.hex) at \(when)", trace: sim.trace)
            let expected = try codec.seal(hello, header: header)
            try expect(record.message == expected,
                       "every datagram of alice to be her \(hello) sealed under the header it carries, exactly as her seal(_:header:key:) seals it",
                       observed: "the datagram sent to \(record.to) at \(when) (\(header)) is \(sketch(record.message)), not \(sketch(expected)): does seal(_:as:) seal payload.encoded() under that very header with Self.seal?",
                       trace: sim.trace)
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
            } else {
                try expect(header.counter == 0, "each start to seal its first datagram with counter 0",
                           observed: "alice's first datagram after her start at \(time(starts[incarnation])) has counter \(header.counter)", trace: sim.trace)
            }
            lastCounter[incarnation] = header.counter
        }
        for (incarnation, start) in starts.enumerated() {
            try expect(epochs[incarnation] != nil, "alice to greet probe-1 and probe-2 when she starts at \(time(start))",
                       observed: "no datagram from that start", trace: sim.trace)
        }
        try ChatOracle(sim: sim, members: [alice]).checkNonces(of: ["alice"])
    }

    /// Exercise 2.1: first `Peer.open` against the recorded vectors; then forged, cut, re-headed, garbled,
    /// foreign and outsider datagrams reach a member, each to be refused for its reason, reported once and
    /// counted. No genuine datagram is sent to the member here (they are step 2.2's).
    static func refusesForgeries<Peer: ChatPeerNode>(_: Peer.Type, seed: UInt64) throws(ScenarioFailure) {
        var random = SeededRandom(seed: seed, stream: "script")
        try checkOpenVectors(MemberCodec<Peer>(key: key), &random)
        let sim = ZapSimulation(seed: seed, faults: FaultPlan(delay: .milliseconds(1)...(.milliseconds(20))))
        let bob = sim.add("bob") { Peer(config: config()) }
        for name in ["probe-1", "outsider", "attacker"] as [NodeID] { sim.add(name) { Bystander() } }
        var kinds = Array(0..<Forgery.kinds)
        for _ in 0..<8 { kinds.append(Int.random(in: 0..<Forgery.kinds, using: &random)) }
        kinds.shuffle(using: &random)
        let forgeries = kinds.map { Forgery.make($0, &random) }
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

    /// A probe sends bob two and a half windows' worth of datagrams, in order: bob accepts every one and its
    /// replay windows never remember more than `2 × replayWindow` counters (checked after each one arrives).
    static func boundsWindowMemory<Peer: ChatPeerNode>(_: Peer.Type, seed: UInt64) throws(ScenarioFailure) {
        var random = SeededRandom(seed: seed, stream: "script")
        let sim = ZapSimulation(seed: seed, faults: .reliable)
        let bob = sim.add("bob") { Peer(config: config()) }
        sim.add("ann") { Bystander() }
        var ann = ProbeSender("ann", codec: MemberCodec<Peer>(key: key))
        ann.counter = UInt64.random(in: 0...1_000, using: &random)
        let count = 5 * Int(ZapLimits.replayWindow) / 2
        let bound = 2 * Int(ZapLimits.replayWindow)
        var most = 0
        for index in 0..<count {
            let datagram = try ann.seal(.presence(members: ["ann"]))
            sim.schedule(at: .microseconds(500 * index)) { $0.inject(datagram, from: "ann", to: "bob") }
            sim.schedule(at: .microseconds(500 * index + 250)) { sim in
                most = max(most, sim.state(of: bob)?.rememberedCounters ?? 0)
            }
        }
        try sim.grade(until: .microseconds(500 * count + 2_000))
        most = max(most, sim.state(of: bob)?.rememberedCounters ?? 0)
        let counted = sim.state(of: bob)?.rejections ?? DropCounts()
        try expect(counted == DropCounts(), "bob to accept all \(count) datagrams of ann (each new, in order)", observed: "\(counted)")
        try expect(most <= bound, "bob's replay windows to remember at most \(bound) counters (2 × replayWindow) at any time: forget those that fell out of the window",
                   observed: "\(most) counters remembered after ann's datagrams")
    }

    /// Exercise 2.2: two probes send genuine datagrams through a network that copies and reorders them; one
    /// probe restarts (new epoch) and an old-epoch datagram of it arrives late; a third sends a high counter, then
    /// a never-seen one `replayWindow` below it (too old) and one just inside the window; an attacker replays
    /// captured datagrams. First copies within the window are accepted, all else refused as replayed. The probes
    /// seal with `Peer.seal`.
    static func refusesReplays<Peer: ChatPeerNode>(_: Peer.Type, seed: UInt64) throws(ScenarioFailure) {
        var random = SeededRandom(seed: seed, stream: "script")
        let sim = ZapSimulation(seed: seed, faults: FaultPlan(duplicateRate: 0.3, delay: .milliseconds(1)...(.milliseconds(80))))
        let bob = sim.add("bob") { Peer(config: config()) }
        for name in ["ann", "ben", "cyd", "attacker"] as [NodeID] { sim.add(name) { Bystander() } }
        let codec = MemberCodec<Peer>(key: key)
        var ann = ProbeSender("ann", codec: codec), ben = ProbeSender("ben", codec: codec)
        for _ in 0..<25 {
            let datagram = try ann.seal(.presence(members: ["ann"]))
            sim.schedule(at: randomTime(0...3_000, &random)) { $0.inject(datagram, from: "ann", to: "bob") }
        }
        for _ in 0..<12 {
            let datagram = try ben.seal(.presence(members: ["ben"]))
            sim.schedule(at: randomTime(0...1_400, &random)) { $0.inject(datagram, from: "ben", to: "bob") }
        }
        var oldBen = ben
        ben.restart()
        for _ in 0..<12 {
            let datagram = try ben.seal(.presence(members: ["ben"]))
            sim.schedule(at: randomTime(1_500...3_000, &random)) { $0.inject(datagram, from: "ben", to: "bob") }
        }
        let stale = try oldBen.seal(.presence(members: ["ben"]))  // Never sent before: refused only for its old epoch.
        sim.schedule(at: randomTime(2_600...3_200, &random)) { $0.inject(stale, from: "ben", to: "bob") }
        // The window's lower bound: after counter `top`, a never-seen counter `replayWindow` below it is too old
        // (refused), one just inside the window is a first copy (accepted). Each goes 200 ms after the one
        // before, longer than any delay, so bob sees `top` first.
        var cyd = ProbeSender("cyd", codec: codec)
        let top = UInt64.random(in: ZapLimits.replayWindow...(4 * ZapLimits.replayWindow), using: &random)
        let window: [UInt64] = [top, top - ZapLimits.replayWindow, top - ZapLimits.replayWindow + 1]
        let windowStart = randomTime(500...2_000, &random)
        for (index, counter) in window.enumerated() {
            cyd.counter = counter
            let datagram = try cyd.seal(.presence(members: ["cyd"]))
            sim.schedule(at: windowStart + .milliseconds(200 * index)) { $0.inject(datagram, from: "cyd", to: "bob") }
        }
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
            // Every datagram bob receives here is genuine: the probes' own, or copies of them.
            guard let header = try? record.message.split().header else { continue }
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
                try expect(refused == .replayed, "bob to refuse \(what) as replayed: it is \(ZapLimits.replayWindow) or more below counter \(known.highest), the highest accepted, too old to tell",
                           observed: refused.map { "refused as \($0)" } ?? "accepted", trace: sim.trace)
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
