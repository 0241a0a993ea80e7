import MessagingKit

extension PersistenceStore {
    /// Starts a request for the critical section: a new Lamport timestamp, sent to every other store.
    mutating func ask(_ ctx: inout MessagingContext) {
        clock += 1
        request = OwnRequest(ts: clock)
        sendRound(to: peers, &ctx)
    }

    /// Sends a new round of this store's request to `targets`: the same timestamp, so it keeps its place.
    mutating func sendRound(to targets: [NodeID], _ ctx: inout MessagingContext) {
        guard var own = request else { return }
        own.round += 1
        own.roundStarted[own.round] = ctx.now
        request = own
        for peer in targets { ctx.send(.persistence(.request(ts: own.ts, round: own.round, head: log.head)), to: peer) }
    }

    /// Asks again, in a new round, the stores whose reply is missing or too old to let this store in, once a
    /// quarter lease passed since the last round, so that the replies to it are still good when the next ones
    /// come (a deferred reply is not missing: it comes when the other leaves). Once every permission given to a
    /// store whose reply is missing has run out, a reply to a round started before that is asked again too.
    mutating func askAgain(_ ctx: inout MessagingContext) {
        guard let own = request, inside == nil, let last = own.roundStarted[own.round],
              ctx.now >= last + config.lease / 4 else { return }
        let missing = peers.filter { !hasValidReply(from: $0, ctx) }
        let barrier = lastGrant(to: missing).until
        sendRound(to: peers.filter { missing.contains($0) || (ctx.now >= barrier && !repliedAfter(barrier, from: $0)) }, &ctx)
    }

    /// Whether `peer`'s reply to the current request is recent enough to let this store in now.
    func hasValidReply(from peer: NodeID, _ ctx: MessagingContext) -> Bool {
        guard let own = request, let reply = own.replies[peer], let sent = own.roundStarted[reply.round] else { return false }
        return ctx.now < sent + config.lease / 2
    }

    /// Whether `peer`'s reply to the current request answers a round this store started at `time` or later.
    func repliedAfter(_ time: Duration, from peer: NodeID) -> Bool {
        guard let own = request, let reply = own.replies[peer], let sent = own.roundStarted[reply.round] else { return false }
        return sent >= time
    }

    /// Exercise 10.1 — Ricart–Agrawala's rule: defer the request `asked` (timestamp `asked.ts`) from `peer`
    /// when this store is inside the critical section, or when it wants in itself with an earlier request:
    /// a smaller timestamp, ties broken by the smaller store name. Otherwise it is answered now.
    ///
    /// Tested by `messaging.10.1-mutual-exclusion`: never two stores inside, after every event.
    /// Hint: `request` is this store's own request (nil when it wants nothing); compare `(ts, name)` pairs.
    func shouldDefer(_ asked: Asked, from peer: NodeID) throws -> Bool {
        try Exercise.begin("10.1")
        if inside != nil { return true }
        guard let own = request else { return false }
        return (own.ts, me) < (asked.ts, peer)
        // end exercise 10.1
    }
}
