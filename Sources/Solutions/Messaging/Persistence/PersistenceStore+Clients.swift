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

    /// A read: the entries of `mailbox` from `from`, at most a message's worth.
    func serveRead(_ number: UInt64, mailbox: String, from: Int, to sender: NodeID, _ ctx: inout MessagingContext) {
        let all = log.mailbox(mailbox)
        let start = min(from, all.count), end = min(all.count, start + PersistenceLimits.standard.maxEntriesPerMessage)
        ctx.send(.persistence(.entries(request: number, mailbox: mailbox, from: start, total: all.count, items: Array(all[start..<end]))), to: sender)
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
