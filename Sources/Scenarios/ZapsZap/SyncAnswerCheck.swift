import ZapsZapKit

/// Checks one member's answer to a hello or a sync request from a probe, against what the member holds.
struct SyncAnswerCheck<Peer: ChatPeerNode> {
    let sim: ZapsZapScenarios.ZapSimulation
    /// Opens the member's answers (with the member's own `open`).
    let codec: MemberCodec<Peer>
    /// The member under test.
    let node: NodeID
    /// Every message the member holds (the grader knows: it sent them all over a reliable network).
    let held: [ChatMessage]
    /// The member's `config.pageBytes`.
    let pageBytes: Int

    /// The member's true version vector: per sender, how far it holds every message.
    var heads: [NodeID: UInt64] {
        var heads: [NodeID: UInt64] = [:]
        let ids = Set(held.map(\.id))
        for sender in Set(held.map(\.sender)) {
            var seq: UInt64 = 0
            while ids.contains(MessageID(sender: sender, seq: seq + 1)) { seq += 1 }
            heads[sender] = seq
        }
        return heads
    }

    /// The messages the holder of `digest` lacks, by sender then sequence number.
    func missing(from digest: SyncDigest) -> [ChatMessage] {
        held.filter { $0.seq > digest.seq(of: $0.sender) }.sorted { $0.id < $1.id }
    }

    /// Whether the holder of `digest` holds a message the member lacks.
    func isAhead(_ digest: SyncDigest) -> Bool {
        let heads = heads
        return digest.heads.contains { $0.seq > heads[$0.sender] ?? 0 }
    }

    /// Checks what the member sent `request.from` while handling `request` (the probe's `asking`, a hello or
    /// sync request carrying `digest`): one `.members` listing at least `listing` if `members`, exactly the
    /// missing messages in bounded pages, and its own digest (without reciprocate) if and only if `digestBack`.
    func check(_ request: MessageRecord<ZapDatagram>, asking: ZapPayload, digest: SyncDigest, members: Bool, listing: Set<NodeID>,
               digestBack: Bool) throws(ScenarioFailure) {
        let context = "on receiving \(asking) from \(request.from) at \(time(request.time))"
        var lists: [[NodeID]] = [], pages: [[ChatMessage]] = [], digests: [(SyncDigest, Bool)] = []
        for answer in sim.messages where answer.event == .sent && answer.from == node && answer.to == request.from && answer.time == request.time {
            try expect(answer.message.bytes.count <= ZapLimits.maxDatagramBytes, "\(node), \(context), to send datagrams of at most \(ZapLimits.maxDatagramBytes) bytes",
                       observed: "one of \(answer.message.bytes.count) bytes", trace: sim.trace)
            switch try codec.open(answer.message).map({ $0.payload }) {
            case let .success(.members(names)): lists.append(names)
            case let .success(.syncPage(page)): pages.append(page)
            case let .success(.syncRequest(digest, reciprocate)): digests.append((digest, reciprocate))
            case let .success(other): throw ScenarioFailure(.wrong(expected: "\(node), \(context), to answer only with members, pages and its digest",
                                                                   observed: "it also sent \(other)"), trace: sim.trace)
            case let .failure(reason): throw ScenarioFailure(.wrong(expected: "\(node)'s answer to open with its own open(_:key:)",
                                                                    observed: "open refuses it as \(reason): is seal(_:as:) sealing with Self.seal?"), trace: sim.trace)
            }
        }
        try expect(lists.count == (members ? 1 : 0), "\(node), \(context), to send \(members ? "one" : "no") MEMBERS",
                   observed: "\(lists.count)", trace: sim.trace)
        if let list = lists.first {
            let absent = listing.subtracting(list)
            try expect(absent.isEmpty, "\(node), \(context), to list itself and every member it heard from: \(listing.sorted().map(\.name))",
                       observed: "MEMBERS \(list.map(\.name)), without \(absent.sorted().map(\.name))", trace: sim.trace)
        }
        for page in pages {
            let size = ZapPayload.syncPage(page).encoded().count
            try expect(!page.isEmpty && (size <= pageBytes || page.count == 1),
                       "\(node), \(context), to send pages of at most \(pageBytes) payload bytes (pageBytes), or of a single message",
                       observed: "a page of \(page.count) message(s), \(size) bytes", trace: sim.trace)
        }
        let sent = pages.flatMap { $0 }, wanted = missing(from: digest)
        let sentIDs = sent.map(\.id), wantedIDs = Set(wanted.map(\.id))
        try expect(Set(sentIDs) == wantedIDs && sentIDs.count == wantedIDs.count,
                   "\(node), \(context), to send exactly the \(wanted.count) message(s) that digest lacks, once each",
                   observed: "\(sent.count) message(s); missing: \(wanted.filter { !sentIDs.contains($0.id) }.map(\.id.description).prefix(10)); not lacked or repeated: \(Self.repeats(sentIDs, wantedIDs).prefix(10))",
                   trace: sim.trace)
        try expect(sent.allSatisfy { message in wanted.contains(message) }, "\(node), \(context), to send the messages as it holds them",
                   observed: "\(sent.first { message in !wanted.contains(message) }.map(\.description) ?? "")", trace: sim.trace)
        var lastSeq: [NodeID: UInt64] = [:]
        for message in sent {
            try expect(message.seq > lastSeq[message.sender] ?? 0, "\(node), \(context), to send each sender's messages in sequence order",
                       observed: "\(message.id) after \(message.sender)#\(lastSeq[message.sender] ?? 0)", trace: sim.trace)
            lastSeq[message.sender] = message.seq
        }
        try expect(digests.count == (digestBack ? 1 : 0),
                   digestBack ? "\(node), \(context), to send its own digest back once (the other holds messages it lacks)"
                              : "\(node), \(context), not to send its digest (\(isAhead(digest) ? "no reciprocate asked" : "it lacks nothing the other holds"))",
                   observed: "\(digests.count) SYNC", trace: sim.trace)
        if let (back, reciprocate) = digests.first {
            try expect(!reciprocate, "\(node), \(context), to send its digest without reciprocate (or the two would bounce requests forever)",
                       observed: "reciprocate: true", trace: sim.trace)
            let heads = heads, senders = Set(heads.keys).union(back.heads.map(\.sender))
            let wrong = senders.sorted().first { back.seq(of: $0) != heads[$0] ?? 0 }
            try expect(wrong == nil, "\(node)'s digest to hold its version vector \(heads.sorted { $0.key < $1.key }.map { "\($0.key):\($0.value)" }) (how far it holds every message of each sender)",
                       observed: "\(back)", trace: sim.trace)
        }
    }

    /// IDs sent that were not wanted, or sent twice.
    static func repeats(_ sent: [MessageID], _ wanted: Set<MessageID>) -> [String] {
        var seen: Set<MessageID> = []
        return sent.filter { !wanted.contains($0) || !seen.insert($0).inserted }.map(\.description)
    }
}
