import ZapsZapKit

/// The checks every chat scenario shares, read from what the simulator saw: the datagrams on the network,
/// what each member showed its user and when, and each member's history at the end.
struct ChatOracle<Peer: ChatPeerNode> {
    let sim: ZapsZapScenarios.ZapSimulation
    /// The members under test (the student's nodes of the group).
    let members: [NodeHandle<Peer>]

    /// Names a datagram's nonce.
    struct Nonce: Hashable {
        var sender: NodeID
        var epoch: UInt32
        var counter: UInt64
    }

    /// Every message the members wrote, by ID: the first time each member showed a message of its own.
    /// Fails if a member wrote two different messages under one ID (it forgot its own after a restart).
    func written() throws(ScenarioFailure) -> [MessageID: ChatMessage] {
        let names = Set(members.map(\.id))
        var written: [MessageID: ChatMessage] = [:]
        for delivery in sim.deliveries where names.contains(delivery.node) {
            guard let message = Self.shown(delivery.output), message.sender == delivery.node else { continue }
            if let earlier = written[message.id] {
                try expect(earlier == message, "\(message.id) to name one message only",
                           observed: "\(delivery.node) wrote \(earlier) and later, at \(time(delivery.time)), \(message): did it forget its own messages?",
                           trace: sim.trace)
            } else {
                written[message.id] = message
            }
        }
        return written
    }

    /// The message a delivery shows, if it shows one.
    static func shown(_ event: ZapEvent) -> ChatMessage? {
        switch event {
        case let .message(message), let .late(message, _): message
        case .presence, .dropped: nil
        }
    }

    /// The total order every member must show.
    static func ordered(_ messages: some Sequence<ChatMessage>) -> [ChatMessage] {
        messages.sorted { ($0.lamport, $0.sender, $0.seq) < ($1.lamport, $1.sender, $1.seq) }
    }

    /// Every datagram that `senders` sent: a well-formed header naming its real sender, at most
    /// `ZapLimits.maxDatagramBytes`, and a nonce never used for another datagram — restarts included.
    func checkNonces(of senders: Set<NodeID>) throws(ScenarioFailure) {
        var sealed: [Nonce: (bytes: [UInt8], time: Duration)] = [:]
        for record in sim.messages where record.event == .sent && senders.contains(record.from) {
            let bytes = record.message.bytes
            guard let header = try? record.message.split().header else {
                throw ScenarioFailure(.wrong(expected: "every datagram of \(record.from) to start with a well-formed header",
                                             observed: "at \(time(record.time)) it sent \(bytes.count) bytes that do not parse"), trace: sim.trace)
            }
            try expect(header.sender == record.from, "\(record.from) to seal datagrams under its own name",
                       observed: "at \(time(record.time)) it sent a datagram whose header names \(header.sender)", trace: sim.trace)
            try expect(bytes.count <= ZapLimits.maxDatagramBytes, "datagrams of at most \(ZapLimits.maxDatagramBytes) bytes",
                       observed: "\(record.from) sent \(bytes.count) bytes at \(time(record.time)) (page smaller)", trace: sim.trace)
            let nonce = Nonce(sender: header.sender, epoch: header.epoch, counter: header.counter)
            if let earlier = sealed[nonce] {
                try expect(earlier.bytes == bytes, "\(record.from) never to seal two datagrams with the same nonce, restarts included",
                           observed: "nonce (epoch \(header.epoch), counter \(header.counter)) sealed one datagram at \(time(earlier.time)) and another at \(time(record.time))",
                           trace: sim.trace)
            } else {
                sealed[nonce] = (bytes, record.time)
            }
        }
    }

    /// What each member showed, in order: no message twice; each of its own messages numbered 1, 2, 3…,
    /// stamped after everything it had shown before (Lamport), and a reply after what it answers.
    func checkShows() throws(ScenarioFailure) {
        for member in members.map(\.id) {
            var seen: [MessageID: UInt64] = [:]
            var latest: (lamport: UInt64, id: MessageID)?
            var ownSeq: UInt64 = 0
            for delivery in sim.deliveries where delivery.node == member {
                guard let message = Self.shown(delivery.output) else { continue }
                let when = time(delivery.time)
                try expect(seen[message.id] == nil, "\(member) to show each message once", observed: "it showed \(message.id) again at \(when)", trace: sim.trace)
                if message.sender == member {
                    try expect(message.seq == ownSeq + 1, "\(member) to number its messages 1, 2, 3… with no gap or reuse",
                               observed: "after \(member)#\(ownSeq) it wrote \(message) at \(when)", trace: sim.trace)
                    ownSeq = message.seq
                    if let latest {
                        try expect(message.lamport > latest.lamport,
                                   "\(member) to stamp \(message.id) after everything it had shown, so that it sorts after them (Lamport: max + 1 on receive, + 1 on send)",
                                   observed: "at \(when) it stamped \(message.id) \(message.lamport), but it had shown \(latest.id) stamped \(latest.lamport)", trace: sim.trace)
                    }
                    if let target = message.replyTo {
                        try expect(seen[target].map { $0 < message.lamport } ?? false,
                                   "the reply \(message.id) to sort after \(target), which it answers",
                                   observed: seen[target].map { "\(target) is stamped \($0), the reply \(message.lamport)" } ?? "\(member) had not shown \(target)",
                                   trace: sim.trace)
                    }
                }
                seen[message.id] = message.lamport
                if latest.map({ message.lamport > $0.lamport }) ?? true { latest = (message.lamport, message.id) }
            }
        }
    }

    /// Whether every member that is up holds exactly `expected`, in order.
    func converged(_ expected: [ChatMessage]) -> Bool {
        members.allSatisfy { member in
            guard let peer = sim.state(of: member) else { return true }
            return peer.orderedHistory == expected
        }
    }

    /// Runs the simulation on until every member holds every message written so far (for at most
    /// `deadline`), then checks that they converged and that each showed what it holds.
    func checkConvergesAfterFaults(by deadline: Duration, _ what: String) throws(ScenarioFailure) {
        let expected = Self.ordered(try written().values)
        _ = try ZapsZapScenarios.run(sim, until: { _ in converged(expected) }, deadline: deadline)
        try checkConverged(expected, what)
        try checkShows()
    }

    /// Every member that is up holds exactly `expected`, in order, and the same digest.
    func checkConverged(_ expected: [ChatMessage], _ what: String) throws(ScenarioFailure) {
        let digest = ChatMessage.digest(of: expected)
        for member in members {
            guard let peer = sim.state(of: member) else { continue }
            let history = peer.orderedHistory
            guard history != expected else {
                try expect(peer.historyDigest == digest, "\(member.id)'s history digest to be \(digest.hex)", observed: peer.historyDigest.hex, trace: sim.trace)
                continue
            }
            let held = Set(history.map(\.id)), wanted = Set(expected.map(\.id))
            let missing = expected.filter { !held.contains($0.id) }.map(\.id)
            let extra = history.filter { !wanted.contains($0.id) }.map(\.id)
            let common = min(history.count, expected.count)
            let firstDifference = (0..<common).first { history[$0] != expected[$0] } ?? common
            var observed = "\(history.count) message(s)"
            if !missing.isEmpty { observed += "; missing \(missing.prefix(8).map(\.description).joined(separator: ", "))\(missing.count > 8 ? " and \(missing.count - 8) more" : "")" }
            if !extra.isEmpty { observed += "; unexpected \(extra.prefix(8).map(\.description).joined(separator: ", "))" }
            var counts: [MessageID: Int] = [:]
            for message in history { counts[message.id, default: 0] += 1 }
            let twice = counts.filter { $0.value > 1 }.keys.sorted()
            if !twice.isEmpty {
                observed += "; duplicates: \(twice.prefix(8).map(\.description).joined(separator: ", "))"
            } else if missing.isEmpty && extra.isEmpty && firstDifference < common {
                observed += "; out of order from position \(firstDifference): has \(history[firstDifference]), expected \(expected[firstDifference])"
            } else if missing.isEmpty && extra.isEmpty {
                observed += "; the same IDs with other contents"
            }
            throw ScenarioFailure(.wrong(expected: "\(what): \(member.id) to hold all \(expected.count) message(s), in order (timestamp, then sender)",
                                         observed: observed), trace: sim.trace)
        }
    }

    /// Pairs each datagram `node` received with what it did about it: the reasons of the drops it reported at
    /// that instant, from that sender. Datagrams not paired with a drop were accepted.
    func refusals(at node: NodeID) -> [(record: MessageRecord<ZapDatagram>, refused: DropReason?)] {
        var drops: [String: [DropReason]] = [:]
        for delivery in sim.deliveries where delivery.node == node {
            if case let .dropped(reason, from) = delivery.output { drops["\(delivery.time.nanoseconds) \(from)", default: []].append(reason) }
        }
        var paired: [(record: MessageRecord<ZapDatagram>, refused: DropReason?)] = []
        var records: [MessageRecord<ZapDatagram>] = []
        for record in sim.messages where record.event == .received && record.to == node { records.append(record) }
        for record in records {
            let slot = "\(record.time.nanoseconds) \(record.from)"
            let reason = drops[slot]?.isEmpty == false ? drops[slot]!.removeFirst() : nil
            paired.append((record, reason))
        }
        return paired
    }
}
