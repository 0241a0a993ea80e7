import ZapsZapKit

extension ChatPeer {
    /// Acts on an accepted payload from member `peer`.
    mutating func handle(_ payload: ZapPayload, from peer: NodeID, _ ctx: inout ZapContext) throws {
        switch payload {
        case let .chat(message):
            try accept(message, &ctx)
        case let .syncPage(messages):
            for message in messages { try accept(message, &ctx) }
        case let .hello(digest):
            try clock.witness(digest.clock)
            try answerHello(digest, from: peer, &ctx)
        case let .syncRequest(digest, reciprocate):
            try clock.witness(digest.clock)
            try answerSync(digest, reciprocate: reciprocate, from: peer, &ctx)
        case let .members(names):
            learn(names, &ctx)
            if !welcomed {
                welcomed = true
                ctx.cancelTimer(Self.greetTimer)
            }
        case let .presence(names):
            learn(names, &ctx)
        case .goodbye:
            try farewell(peer, &ctx)
        }
    }

    /// Takes in a message that arrived (alone, or in a sync page): advances the clock past it, and if it is
    /// new, puts it in order, shows it and saves it. Refused untouched: a message claiming to be this member's
    /// own (only this member writes those, and it holds every one it wrote), and one numbered more than
    /// ``ZapLimits/maxSeqAhead`` past the last held in order from its sender.
    mutating func accept(_ message: ChatMessage, _ ctx: inout ZapContext) throws {
        guard message.sender != ctx.id else {
            ctx.log("refused \(message.id): it claims to be this member's own")
            return
        }
        guard message.seq <= history.contiguous[message.sender, default: 0] + ZapLimits.maxSeqAhead else {
            ctx.log("refused \(message.id): more than \(ZapLimits.maxSeqAhead) past the last message held in order from \(message.sender)")
            return
        }
        try clock.witness(message.lamport)
        guard try show(message, &ctx) else { return }
        try save(message, &ctx)
    }

    /// Writes a new message of this member, shows and saves it, and sends it to every member.
    mutating func say(_ text: String, replyTo: MessageID?, _ ctx: inout ZapContext) throws {
        guard text.utf8.count <= ZapLimits.maxTextBytes else {
            ctx.log("refused a text of \(text.utf8.count) bytes: the limit is \(ZapLimits.maxTextBytes)")
            return
        }
        let message = ChatMessage(sender: ctx.id, seq: history.highestSeq(of: ctx.id) + 1, lamport: try clock.tick(),
                                  text: text, replyTo: replyTo)
        _ = try show(message, &ctx)
        try save(message, &ctx)
        try broadcast(.chat(message), &ctx)
    }

    /// Inserts `message` in the history and tells the user where it goes; `false` for a duplicate.
    mutating func show(_ message: ChatMessage, _ ctx: inout ZapContext) throws -> Bool {
        switch try history.insert(message) {
        case .duplicate:
            return false
        case .appended:
            ctx.deliver(.message(message))
        case let .late(after):
            ctx.deliver(.late(message, after: after))
        }
        return true
    }

    /// Notes that an authentic datagram of `peer` just arrived. A new member takes a free place, or that of
    /// the first member only rumoured (in name order), or else that of the member heard from longest ago, whose
    /// replay window goes with it: members and windows stay within ``ZapLimits/maxMembers``.
    mutating func heard(_ peer: NodeID, _ ctx: inout ZapContext) {
        if members[peer] == nil, members.count >= ZapLimits.maxMembers {
            let rumour = members.filter { !$0.value.direct }.keys.min()
            let stalest = members.min { ($0.value.lastHeard ?? .zero, $0.key) < ($1.value.lastHeard ?? .zero, $1.key) }?.key
            if let forgotten = rumour ?? stalest {
                ctx.log("forgetting \(forgotten) for \(peer): \(ZapLimits.maxMembers) members known already")
                members[forgotten] = nil
                windows[forgotten] = nil
            }
        }
        members[peer, default: Member()].lastHeard = ctx.now
        members[peer]?.direct = true
    }

    /// Adds, while there is room, the members another member listed: rumours, until heard from directly.
    mutating func learn(_ names: [NodeID], _ ctx: inout ZapContext) {
        for name in names where name != ctx.id && members[name] == nil && members.count < ZapLimits.maxMembers {
            members[name] = Member()
        }
    }

    /// Every member heard from directly, this one included, sorted: what hello answers and heartbeats list.
    /// Rumours are not passed on, so a made-up name dies with the list that brought it.
    func memberList(_ me: NodeID) -> [NodeID] {
        (members.filter(\.value.direct).keys + [me]).sorted()
    }

    /// This member's digest: its clock and the version vector of its history.
    func digest() -> SyncDigest {
        SyncDigest(clock: clock.time, heads: history.heads)
    }
}
