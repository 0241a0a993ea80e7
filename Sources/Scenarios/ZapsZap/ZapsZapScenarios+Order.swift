import ZapsZapKit

extension ZapsZapScenarios {
    /// Names for members under test, in order.
    static let memberNames: [NodeID] = ["ann", "bob", "cat", "dan", "eve", "fay", "gus", "hal"]

    /// Schedules `steps` lines of chat between `from` and `until`: each by a random member that is up, half of
    /// them replies to the last message it shows. Commands to a member that is down are lost, as typed lines are.
    /// Lines fall half a millisecond off the whole milliseconds at which scenarios crash and restart members, so
    /// that no line reaches a restarted member before its `start` runs.
    static func chatter<Peer: ChatPeerNode>(_ sim: ZapSimulation, _ members: [NodeHandle<Peer>], steps: Int,
                                            from: Int, until: Int, _ random: inout SeededRandom) {
        for step in 0..<steps {
            let member = members[Int.random(in: 0..<members.count, using: &random)]
            let reply = random.chance(0.5), line = text(member.id, step + 1)
            sim.schedule(at: randomTime(from...until, &random) + .microseconds(500)) { sim in
                guard let peer = sim.state(of: member) else { return }
                if reply, let target = peer.orderedHistory.last?.id {
                    sim.command(.reply(to: target, line), to: member)
                } else {
                    sim.command(.say(line), to: member)
                }
            }
        }
    }

    /// Exercise 3.1: members chat and reply over a network that copies and reorders; a probe whose clock is
    /// far ahead speaks twice (each message sent twice). Nobody may stamp a message before one it had seen, and
    /// receiving ticks the clock too.
    static func ordersCausally<Peer: ChatPeerNode>(_: Peer.Type, seed: UInt64) throws(ScenarioFailure) {
        var random = SeededRandom(seed: seed, stream: "script")
        let sim = ZapSimulation(seed: seed, faults: FaultPlan(duplicateRate: 0.2, delay: .milliseconds(1)...(.milliseconds(60))))
        let names = Array(memberNames.prefix(Int.random(in: 3...5, using: &random)))
        let members = names.map { name in sim.add(name) { Peer(config: config()) } }
        sim.add("herald") { Bystander() }
        sim.add("clockwork") { Bystander() }
        let codec = MemberCodec<Peer>(key: key)
        var herald = ProbeSender("herald", codec: codec), clockwork = ProbeSender("clockwork", codec: codec)
        for name in names {
            let introduction = try herald.seal(.members(names))
            sim.schedule(at: .zero) { $0.inject(introduction, from: "herald", to: name) }
        }
        let fast = [ChatMessage(sender: "clockwork", seq: 1, lamport: 1_000, text: "tick"),
                    ChatMessage(sender: "clockwork", seq: 2, lamport: 2_000, text: "tock")]
        for (index, message) in fast.enumerated() {
            for copy in 0..<2 {
                let datagram = try clockwork.seal(.chat(message))
                let at = randomTime(index == 0 ? 500...1_400 : 1_500...2_400, &random) + .milliseconds(copy * 300)
                for name in names { sim.schedule(at: at) { $0.inject(datagram, from: "clockwork", to: name) } }
            }
        }
        chatter(sim, members, steps: 24, from: 100, until: 2_900, &random)
        try sim.grade(until: .milliseconds(3_500))

        let oracle = ChatOracle(sim: sim, members: members)
        try oracle.checkShows()
        let expected = ChatOracle<Peer>.ordered(Array(try oracle.written().values) + fast)
        try oracle.checkConverged(expected, "with no loss every message reaches every member")
        try oracle.checkNonces(of: Set(names))
        try checkReceiveTicks(sim, names)
    }

    /// Receiving is an event too (max + 1 on receive): a message a member writes after it has shown one stamped
    /// L, from someone else, is stamped L + 2 or more, + 1 for the receive and + 1 for the send.
    static func checkReceiveTicks(_ sim: ZapSimulation, _ names: [NodeID]) throws(ScenarioFailure) {
        for member in names {
            var heard: ChatMessage?
            for delivery in sim.deliveries where delivery.node == member {
                let message: ChatMessage
                switch delivery.output {
                case let .message(shown), let .late(shown, _): message = shown
                default: continue
                }
                if message.sender != member {
                    if heard.map({ message.lamport > $0.lamport }) ?? true { heard = message }
                } else if let heard {
                    try expect(message.lamport >= heard.lamport + 2,
                               "\(member) to stamp \(message.id) at least \(heard.lamport + 2): it had received \(heard.id) stamped \(heard.lamport), and receiving ticks the clock too (max + 1), then sending (+ 1)",
                               observed: "stamped \(message.lamport) at \(time(delivery.time))", trace: sim.trace)
                }
            }
        }
    }

    /// Exercise 3.2: one member receives messages shuffled, sent twice (as new datagrams), some in pages, with
    /// equal timestamps across senders and one message never sent; then writes one. Its shows, late notices,
    /// history and clock are checked exactly against a replay of what it received.
    static func ordersAndDeduplicates<Peer: ChatPeerNode>(_: Peer.Type, seed: UInt64) throws(ScenarioFailure) {
        var random = SeededRandom(seed: seed, stream: "script")
        let sim = ZapSimulation(seed: seed, faults: FaultPlan(delay: .milliseconds(1)...(.milliseconds(5))))
        let carol = sim.add("carol") { Peer(config: config()) }
        let senders: [NodeID] = ["ann", "ben", "dan"]
        let codec = MemberCodec<Peer>(key: key)
        var probes: [NodeID: ProbeSender<Peer>] = [:]
        for sender in senders {
            sim.add(sender) { Bystander() }
            probes[sender] = ProbeSender(sender, codec: codec)
        }
        var messages: [ChatMessage] = []
        for sender in senders {
            var lamport = UInt64.random(in: 1...4, using: &random)
            for seq in 1...UInt64.random(in: 4...7, using: &random) {
                let target = messages.isEmpty || random.chance(0.6) ? nil : messages[Int.random(in: 0..<messages.count, using: &random)].id
                messages.append(ChatMessage(sender: sender, seq: seq, lamport: lamport, text: text(sender, Int(seq)), replyTo: target))
                lamport += UInt64.random(in: 1...3, using: &random)
            }
        }
        messages.remove(at: Int.random(in: 0..<messages.count, using: &random))  // A gap: never sent.
        var sends: [(from: NodeID, payload: ZapPayload)] = []
        func plan(_ batch: [ChatMessage]) {
            var index = 0
            while index < batch.count {
                if random.chance(0.25), index + 1 < batch.count {
                    let size = min(Int.random(in: 2...3, using: &random), batch.count - index)
                    sends.append((senders[Int.random(in: 0..<senders.count, using: &random)], .syncPage(Array(batch[index..<(index + size)]))))
                    index += size
                } else {
                    sends.append((batch[index].sender, .chat(batch[index])))
                    index += 1
                }
            }
        }
        plan(messages.shuffled(using: &random))
        plan(messages.filter { _ in random.chance(0.3) }.shuffled(using: &random))
        sends.shuffle(using: &random)
        var said: [[UInt8]: ZapPayload] = [:]  // What each datagram sent to carol holds: the grader sealed them all.
        for (index, send) in sends.enumerated() {
            let datagram = try probes[send.from]!.seal(send.payload)
            said[datagram.bytes] = send.payload
            sim.schedule(at: .milliseconds(30 * (index + 1))) { $0.inject(datagram, from: send.from, to: "carol") }
        }
        let end = Duration.milliseconds(30 * (sends.count + 2))
        sim.schedule(at: end) { $0.command(.say("carol says 1"), to: carol) }
        try sim.grade(until: end + .milliseconds(50))

        var clock: UInt64 = 0, held: [ChatMessage] = [], expected: [(event: ZapEvent, cause: String)] = []
        for record in sim.messages where record.event == .received && record.to == "carol" {
            let arrived: [ChatMessage]
            switch said[record.message.bytes] {
            case let .chat(message)?: arrived = [message]
            case let .syncPage(page)?: arrived = page
            default: continue
            }
            for message in arrived {
                clock = max(clock, message.lamport) + 1
                guard !held.contains(where: { $0.id == message.id }) else { continue }
                let place = held.firstIndex { ($0.lamport, $0.sender, $0.seq) > (message.lamport, message.sender, message.seq) } ?? held.count
                let cause = "on receiving \(message) at \(time(record.time))"
                expected.append(place == held.count ? (.message(message), cause) : (.late(message, after: place == 0 ? nil : held[place - 1].id), cause))
                held.insert(message, at: place)
            }
        }
        clock += 1
        let own = ChatMessage(sender: "carol", seq: 1, lamport: clock, text: "carol says 1")
        expected.append((.message(own), "on saying \"carol says 1\" at \(time(end)), after receiving everything"))
        held.append(own)

        let shown = sim.deliveries.filter { $0.node == "carol" }.map(\.output)
        for (index, want) in expected.enumerated() {
            try expect(index < shown.count && shown[index] == want.event, "carol, \(want.cause), to report \(want.event)",
                       observed: index < shown.count ? "\(shown[index])" : "nothing more", trace: sim.trace)
        }
        try expect(shown.count == expected.count, "carol to report nothing else",
                   observed: shown.dropFirst(expected.count).map(\.description).joined(separator: "; "), trace: sim.trace)
        let peer = sim.state(of: carol)
        try expect(peer?.orderedHistory == held, "carol's history, in order: \(show(held))", observed: show(peer?.orderedHistory ?? []), trace: sim.trace)
        try expect(peer?.lamportTime == clock, "carol's Lamport clock to be \(clock): max(clock, timestamp) + 1 for each message received (copies too), + 1 for her own",
                   observed: "\(peer?.lamportTime ?? 0)", trace: sim.trace)
    }

    /// Exercise 3.3: a member chats with two probes, crashes and restarts twice. Its history must come back
    /// whole after each restart, and its numbering and clock must go on from there.
    static func survivesRestarts<Peer: ChatPeerNode>(_: Peer.Type, seed: UInt64) throws(ScenarioFailure) {
        var random = SeededRandom(seed: seed, stream: "script")
        let sim = ZapSimulation(seed: seed, faults: FaultPlan(delay: .milliseconds(1)...(.milliseconds(10))))
        let dora = sim.add("dora") { Peer(config: config()) }
        for sender in ["ann", "ben"] as [NodeID] {
            sim.add(sender) { Bystander() }
            var probe = ProbeSender(sender, codec: MemberCodec<Peer>(key: key)), lamport = UInt64.random(in: 1...5, using: &random)
            let times = (0..<10).map { _ in randomTime(0...3_200, &random) }.sorted()
            for (index, at) in times.enumerated() {
                let datagram = try probe.seal(.chat(ChatMessage(sender: sender, seq: UInt64(index + 1), lamport: lamport, text: text(sender, index + 1))))
                lamport += UInt64.random(in: 1...5, using: &random)
                sim.schedule(at: at) { $0.inject(datagram, from: sender, to: "dora") }
            }
        }
        for number in 1...6 {
            sim.schedule(at: randomTime(100...3_300, &random) + .microseconds(500)) { $0.command(.say(text("dora", number)), to: dora) }
        }
        var snapshots: [(label: String, before: [ChatMessage], after: [ChatMessage])] = []
        var nextCrash = randomTime(800...1_200, &random)
        for round in 1...2 {
            let crash = nextCrash, restart = crash + randomTime(100...300, &random)
            sim.schedule(at: crash) { sim in
                snapshots.append(("crash at \(time(crash)), restart at \(time(restart))", sim.state(of: dora)?.orderedHistory ?? [], []))
                sim.crash("dora")
            }
            // The snapshot is taken in the same action as the restart, once `start` has run: a datagram that
            // arrives even a moment later may rightly be added to the history.
            sim.schedule(at: restart) { sim in
                sim.restart("dora")
                snapshots[snapshots.count - 1].after = sim.state(of: dora)?.orderedHistory ?? []
            }
            sim.schedule(at: restart + .milliseconds(1)) { $0.command(.say("dora is back \(round)"), to: dora) }
            nextCrash = restart + randomTime(800...1_100, &random)
        }
        try sim.grade(until: .milliseconds(3_600))

        for snapshot in snapshots {
            try expect(snapshot.after == snapshot.before, "dora to hold, right after her restart (\(snapshot.label)), the \(snapshot.before.count) message(s) she held before: \(show(snapshot.before))",
                       observed: show(snapshot.after), trace: sim.trace)
        }
        let oracle = ChatOracle(sim: sim, members: [dora])
        try oracle.checkShows()
        let shown = sim.deliveries.filter { $0.node == "dora" }.compactMap { ChatOracle<Peer>.shown($0.output) }
        try oracle.checkConverged(ChatOracle<Peer>.ordered(shown), "nothing shown is ever lost")
        try oracle.checkNonces(of: ["dora"])
    }
}
