import ZapsZapKit

extension ChatPeer {
    /// Exercise 6.1 — the presence timer fired (every `config.presenceInterval`):
    /// 1. send every member and configured peer a heartbeat, `.presence(members: memberList(ctx.id))` (one
    ///    `broadcast`), which also spreads who is in the group;
    /// 2. for every member, in name order: it is online if heard within `config.presenceTimeout`
    ///    (`now - lastHeard <= presenceTimeout`), else offline; when that differs from `online`, update it and
    ///    report `.presence(member, online:)`.
    ///
    /// Tested by `zapszap.6.1-presence`: a member is shown online within an interval of being heard, offline
    /// within an interval of its timeout, once per change, and the group learns a late joiner.
    mutating func presenceTick(_ ctx: inout ZapContext) throws {
        try Exercise.begin("6.1")
        try broadcast(.presence(members: memberList(ctx.id)), &ctx)
        for name in members.keys.sorted() {
            let member = members[name]!
            let online = member.lastHeard.map { ctx.now - $0 <= config.presenceTimeout } ?? false
            if online != member.online {
                members[name]!.online = online
                ctx.deliver(.presence(name, online: online))
            }
        }
        // end exercise 6.1
    }

    /// Exercise 6.2 — the user leaves: send `.goodbye` to every member and configured peer (one `broadcast`),
    /// set `left` (from then on the node ignores everything), and cancel the timers.
    ///
    /// Tested by `zapszap.6.2-leave`.
    mutating func leave(_ ctx: inout ZapContext) throws {
        try Exercise.begin("6.2")
        try broadcast(.goodbye, &ctx)
        left = true
        for timer in [Self.greetTimer, Self.syncTimer, Self.presenceTimer] { ctx.cancelTimer(timer) }
        // end exercise 6.2
    }

    /// Exercise 6.2 — `peer` said goodbye: forget when it was last heard (so that the next presence check does
    /// not bring it back) and, if it was shown online, show it offline now.
    ///
    /// Tested by `zapszap.6.2-leave`: others show a leaving member offline as soon as its goodbye arrives.
    mutating func farewell(_ peer: NodeID, _ ctx: inout ZapContext) throws {
        try Exercise.begin("6.2")
        members[peer, default: Member()].lastHeard = nil
        if members[peer]?.online == true {
            members[peer]?.online = false
            ctx.deliver(.presence(peer, online: false))
        }
        // end exercise 6.2
    }
}
