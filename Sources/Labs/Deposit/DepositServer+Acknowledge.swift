import DepositKit

extension DepositServer {
    /// Exercise 3.3 — the bytes of transfer `id` are at its source: ask each target for a copy (`store`; this
    /// server asks itself by calling `handleStore`), counting a target that holds the blob already.
    ///
    /// Tested by `deposit.3.3-acknowledgement`. Hint: `checkStored` decides when the copies are enough.
    mutating func startCopies(_ id: UInt64, _ ctx: inout DepositContext) throws {
        try todo("3.3")
    }

    /// Exercise 3.3 — `sender` holds a durable, verified copy for transfer `id`: count it if it is a target.
    mutating func handleStored(transfer id: UInt64, blob: String, from sender: NodeID, _ ctx: inout DepositContext) throws {
        try todo("3.3")
    }

    /// Exercise 3.3 — `sender` could not keep a copy: never ask it again (the next tick asks another server),
    /// unless only its source failed it (`unavailable`): then the next tick asks it again.
    mutating func handleStoreFailed(transfer id: UInt64, reason: DepositRefusal, from sender: NodeID, _ ctx: inout DepositContext) throws {
        try todo("3.3")
    }

    /// Exercise 3.3 — the acknowledgement rule, part one: once `record.replicas` distinct servers hold a
    /// copy, the record becomes current: keep it here and send `commit` to every live peer.
    mutating func checkStored(_ id: UInt64, _ ctx: inout DepositContext) throws {
        try todo("3.3")
    }

    /// Exercise 3.3 — `sender` keeps the record of transfer `id` durably.
    mutating func handleCommitted(transfer id: UInt64, from sender: NodeID, _ ctx: inout DepositContext) throws {
        try todo("3.3")
    }

    /// Exercise 3.3 — the acknowledgement rule, part two: once `record.replicas` servers keep the record, the
    /// change is **ok**: answer `done`, drop the staged bytes, and forget the transfer.
    mutating func checkCommitted(_ id: UInt64, _ ctx: inout DepositContext) throws {
        try todo("3.3")
    }

    /// Exercise 3.3 — on every tick while a transfer is past its upload (the given `uploadTick` handles those
    /// whose bytes still come from the client): a transfer not committed within `config.transferDeadline(for:)` its size is
    /// **failed** (`abandon`); targets that died or refused are replaced by the next live servers in rank
    /// order and every target without a copy is asked again (a change of copies with no known holder as its
    /// source takes one now known); a commit is sent again to the live peers that did not confirm it.
    mutating func transferTick(_ ctx: inout DepositContext) throws {
        try todo("3.3")
    }

    /// A record this server holds asked for again: its copies were counted when it was committed, so the change
    /// starts at the commit, and is **ok** once k servers confirm they keep the record (`transferTick` asks again).
    mutating func confirmCommitted(_ record: FileRecord, for key: RequestKey, _ ctx: inout DepositContext) throws {
        let id = ctx.random.next()
        transfers[id] = Transfer(id: id, client: key, record: record, upload: nil, source: ctx.id, sourceKey: record.blobName,
                                 targets: [], committed: [ctx.id], started: ctx.now)
        inFlight[key] = id
        for peer in membership.live(at: ctx.now) where peer != ctx.id { ctx.send(.commit(transfer: id, record: record), to: peer) }
        try checkCommitted(id, &ctx)
    }

    /// Asks `target` for a copy for transfer `id`: a message to a peer, a call for this server.
    private mutating func askForCopy(_ id: UInt64, _ target: NodeID, _ ctx: inout DepositContext) throws {
        guard let transfer = transfers[id] else { return }
        if target == ctx.id {
            if ctx.blobs.size(of: transfer.record.blobName) != nil {
                transfers[id]!.stored.insert(ctx.id)
            } else {
                try handleStore(transfer: id, record: transfer.record, source: transfer.source, key: transfer.sourceKey, from: ctx.id, &ctx)
            }
        } else {
            ctx.send(.store(transfer: id, record: transfer.record, source: transfer.source, key: transfer.sourceKey), to: target)
        }
    }
}
