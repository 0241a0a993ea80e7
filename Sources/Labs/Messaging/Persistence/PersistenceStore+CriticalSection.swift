import MessagingKit

extension PersistenceStore {
    /// Enters the critical section when this store has a request, is not quiet, has permission (exercise 10.2,
    /// or 11.1 without a suspected store) and holds the most up-to-date log of those that replied; then appends
    /// the first pending entry its log lacks, tagged with its ballot, on itself and sends it to every other store.
    /// When the log holds every pending entry, unconfirmed (or there is none, and its tail is unconfirmed), its
    /// last entry is written again under this ballot: a majority holding it holds every entry before it. A
    /// request whose ballot is not after the log's last one, or (entering without a store) whose timestamp is not
    /// above every permission given to a missing store, is asked again with a later timestamp: ballots grow with
    /// entries.
    mutating func tryToEnter(_ ctx: inout MessagingContext) throws {
        guard let own = request, inside == nil, !isQuiet(ctx) else { return }
        let valid = peers.filter { hasValidReply(from: $0, ctx) }
        let missing = peers.filter { !valid.contains($0) }
        guard missing.isEmpty ? try hasEveryReply(ctx) : try missing.allSatisfy({ suspects($0, ctx) }) && mayEnter(without: missing, ctx)
        else { return }
        if let best, !valid.contains(best.peer) { self.best = nil }  // only the logs of those that let it in count: another may be dead
        for peer in valid { heard(own.replies[peer]!.head, from: peer) }
        catchUp(&ctx)
        guard best == nil else { return }
        guard !pending.isEmpty || hasUnconfirmedTail else { return try leave(&ctx) }
        let ballot = Ballot(epoch: own.ts, holder: me), floor = lastGrant(to: missing).ts
        guard ballot > log.head.last, own.ts > floor else {
            clock = max(clock, log.head.last.epoch, floor)
            return ask(&ctx)
        }
        let since = valid.compactMap { own.replies[$0].flatMap { own.roundStarted[$0.round] } }.min() ?? ctx.now
        var base = log.head, tagged: StoreEntry
        if let entry = pending.first(where: { log.position(of: $0.key) == nil }) {
            tagged = entry
        } else {
            base = log.head(ofFirst: log.count - 1)
            tagged = log.entries[base.length]
            log.truncate(to: base.length, &ctx)
        }
        tagged.ballot = ballot
        inside = Inside(base: base, entry: tagged, acks: [me], deadline: since + config.lease * 3 / 4, entered: ctx.now)
        keep(tagged, &ctx)
        for peer in peers { ctx.send(.persistence(.append(base: base, entry: tagged)), to: peer) }
        try settle(&ctx)
    }

    /// Inside: once a majority holds the entry, the log up to it is committed and its clients are told; the store
    /// leaves when every store it does not suspect holds it too, or when its permission runs out.
    mutating func settle(_ ctx: inout MessagingContext) throws {
        guard let current = inside else { return }
        if current.acks.count >= config.majority { commit(LogHead(length: current.base.length + 1, last: current.entry.ballot), &ctx) }
        let everyone = peers.allSatisfy { current.acks.contains($0) || suspects($0, ctx) }
        if (everyone && current.acks.count >= config.majority) || ctx.now >= current.deadline { try leave(&ctx) }
    }

    /// Exercise 10.2 — whether this store may enter now, hearing from every store: a reply to its current
    /// request from each other store (`hasValidReply(from:_:)`: a reply to a round recent enough).
    ///
    /// Tested by `messaging.10.2-costs`: exactly 2(N − 1) requests and replies per entry, every request entered.
    func hasEveryReply(_ ctx: MessagingContext) throws -> Bool {
        try todo("10.2")
    }

    /// Exercise 10.2 — leave the critical section: nothing inside, no request; answer every deferred request
    /// (`reply(to:of:_:)`), then ask again if appends still wait.
    ///
    /// Tested by `messaging.10.2-costs` and `messaging.10.1-mutual-exclusion` (every request eventually enters).
    mutating func leave(_ ctx: inout MessagingContext) throws {
        try todo("10.2")
    }
}
