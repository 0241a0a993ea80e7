import MessagingKit

extension PersistenceStore {
    /// A client's append: refused when too large, when its client id is another node's, or when the log is full;
    /// answered at once when a majority is known to hold it already (a retry); otherwise queued for the critical
    /// section (a log that holds it unconfirmed may still lose it).
    mutating func take(client: UInt64, request number: UInt64, mailbox: String, bytes: [UInt8], from sender: NodeID,
                       _ ctx: inout MessagingContext) throws {
        let key = StoreLog.RequestKey(client: client, request: number)
        guard bytes.count <= config.maxEntryBytes else {
            return ctx.send(.persistence(.refused(request: number, reason: .tooLarge(size: bytes.count, limit: config.maxEntryBytes))), to: sender)
        }
        if let owner = log.owner(of: client), owner != sender {
            return ctx.send(.persistence(.refused(request: number, reason: .clientIDTaken(owner: owner))), to: sender)
        }
        if isCommitted(key) { return ctx.send(.persistence(.appended(request: number)), to: sender) }
        guard log.count + pending.count < PersistenceLimits.standard.maxLogEntries else {
            return ctx.send(.persistence(.refused(request: number, reason: .full(limit: PersistenceLimits.standard.maxLogEntries))), to: sender)
        }
        waiting[key] = sender
        if !pending.contains(where: { $0.key == key }) {
            pending.append(StoreEntry(client: client, request: number, sender: sender, mailbox: mailbox, bytes: bytes))
        }
        if request == nil { ask(&ctx) }
        try tryToEnter(&ctx)
    }

    /// Answers a read of `mailbox` from `from` with the page of `entries` (the mailbox's entries a read may
    /// give, exercise 12.1) that starts there: at most a message's worth.
    func answerRead(_ number: UInt64, mailbox: String, from: Int, entries: [[UInt8]], to sender: NodeID, _ ctx: inout MessagingContext) {
        let start = min(from, entries.count), end = min(entries.count, start + PersistenceLimits.standard.maxEntriesPerMessage)
        ctx.send(.persistence(.entries(request: number, mailbox: mailbox, from: start, total: entries.count, items: Array(entries[start..<end]))),
                 to: sender)
    }

    /// Exercise 12.1 — the entries of `mailbox`, in log order, that a read may give. Alice shows each entry she
    /// reads, once, and reads on from the next index: give only entries that are there for good, that no
    /// later holder's log can replace or move.
    ///
    /// Tested by `messaging.12.1-end-to-end` (a store cut off inside the critical section, with Alice on its
    /// side, holds an entry no other store has) and `messaging.12.1-failover-bound`.
    /// Hint: step 10 says which entries of a log are safe, and which a store may still lose.
    func readable(_ mailbox: String) throws -> [[UInt8]] {
        try todo("12.1")
    }

    /// Whether the log holds `key` in its prefix known to be held by a majority.
    func isCommitted(_ key: StoreLog.RequestKey) -> Bool {
        guard let position = log.position(of: key) else { return false }
        return position < committed.length && log.matches(committed)
    }

    /// Notes that a majority holds the log's prefix ending as `head` says (when this log has that prefix), and
    /// tells every client whose append it holds that it is appended.
    mutating func commit(_ head: LogHead, _ ctx: inout MessagingContext) {
        guard head.length > committed.length || !log.matches(committed), log.matches(head) else { return }
        committed = head
        let done = pending.filter { isCommitted($0.key) }
        pending = pending.filter { !isCommitted($0.key) }
        for entry in done {
            guard let client = waiting.removeValue(forKey: entry.key) else { continue }
            ctx.send(.persistence(.appended(request: entry.request)), to: client)
        }
    }
}
