import MessagingKit

extension PersistenceStore {
    /// The holder's copy of `entry`, to follow the first `base.length` entries: kept when this log's prefix is
    /// the holder's (a tail written by an earlier ballot gives way), acknowledged once held; a log whose prefix
    /// differs is brought in line with the holder's first.
    mutating func replicate(_ entry: StoreEntry, after base: LogHead, from holder: NodeID, _ ctx: inout MessagingContext) {
        let position = base.length
        if log.matches(base), !holds(entry, at: position), entry.ballot >= log.head.last {
            log.truncate(to: position, &ctx)
            keep(entry, &ctx)
        }
        if holds(entry, at: position) {
            ctx.send(.persistence(.appendAck(position: position)), to: holder)
        } else {
            heard(LogHead(length: position + 1, last: entry.ballot), from: holder)
            catchUp(&ctx)
        }
    }

    /// Whether the log holds `entry` at `position`.
    func holds(_ entry: StoreEntry, at position: Int) -> Bool { position < log.count && log.entries[position] == entry }

    /// Appends `entry` at the end of the log, durably, unless the log holds its request already.
    mutating func keep(_ entry: StoreEntry, _ ctx: inout MessagingContext) {
        guard log.position(of: entry.key) == nil else { return }
        log.append(entry, &ctx)
    }

    /// Notes that `peer`'s log has `head`: the most up-to-date log heard of is the one to catch up with.
    mutating func heard(_ head: LogHead, from peer: NodeID) {
        if head > log.head, head > (best?.head ?? log.head) { best = (head, peer) }
    }

    /// Asks the peer with the most up-to-date log for what this store misses, once per retry interval.
    mutating func catchUp(_ ctx: inout MessagingContext) {
        guard let best else { return }
        guard best.head > log.head else { self.best = nil; return }
        if let lastFetch, ctx.now < lastFetch + config.retryInterval { return }
        lastFetch = ctx.now
        ctx.send(.persistence(.fetch(from: max(0, min(log.count, best.head.length - 1)))), to: best.peer)
    }

    /// The entries of the most up-to-date peer's log after `base`: where this log's prefix is the same, they
    /// replace whatever differs; otherwise the store asks for more, from further back.
    mutating func adopt(_ items: [StoreEntry], after base: LogHead, from peer: NodeID, _ ctx: inout MessagingContext) {
        guard let best, best.peer == peer, best.head > log.head else { return }
        guard log.matches(base) else {
            lastFetch = ctx.now
            return ctx.send(.persistence(.fetch(from: max(0, base.length - PersistenceLimits.standard.maxEntriesPerMessage))), to: peer)
        }
        for (offset, entry) in items.enumerated() where !holds(entry, at: base.length + offset) {
            log.truncate(to: base.length + offset, &ctx)
            keep(entry, &ctx)
            guard holds(entry, at: base.length + offset) else { break }
        }
        lastFetch = nil
        catchUp(&ctx)
    }
}
