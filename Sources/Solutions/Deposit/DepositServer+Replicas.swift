import DepositKit

extension DepositServer {
    /// Exercise 5.1 — REPLICAS NAME K: refuse what `refusal` refuses and a name the client has no file under;
    /// otherwise `changeReplicas`.
    ///
    /// Tested by `deposit.5.1-same-file`.
    mutating func handleSetReplicas(_ key: RequestKey, client: ClientID, name: String, replicas: Int, _ ctx: inout DepositContext) throws {
        try Exercise.begin("5.1")
        if let refusal = try refusal(client: client, name: name, replicas: replicas, ctx) {
            return answer(.refused(request: key.request, reason: refusal), to: key, &ctx)
        }
        guard let held = catalog.record(owner: client, name: name) else {
            return answer(.refused(request: key.request, reason: .notFound(name: name)), to: key, &ctx)
        }
        try changeReplicas(of: held, to: replicas, for: key, &ctx)
        // end exercise 5.1
    }

    /// Exercise 5.1 — the original's rule: the file `held` is kept on `replicas` servers from now on, and no
    /// byte comes from the client. The same count: a retry, or a change made already (maybe by another server,
    /// whose commit is still on its way to the others) — `done` once k servers confirm they keep the record
    /// (`confirmCommitted`, as for a deposit retried). Another: a new version of the record with
    /// the new count, copies asked of its servers (`startCopies`) from a live holder (found again on every tick
    /// while none is known), and `done` once the new count holds (exercise 3.3's rule). Surplus copies are trimmed by repair (exercise 6.1).
    mutating func changeReplicas(of held: FileRecord, to replicas: Int, for key: RequestKey, _ ctx: inout DepositContext) throws {
        try Exercise.begin("5.1")
        guard held.replicas != replicas else { return try confirmCommitted(held, for: key, &ctx) }
        // No holder heard of yet (its heartbeat may be on its way): the transfer's ticks look for one.
        let source = holders(of: held.blobName, &ctx).first ?? ctx.id
        var record = held
        record.replicas = replicas
        record.version += 1
        let id = ctx.random.next()
        transfers[id] = Transfer(id: id, client: key, record: record, source: source, sourceKey: record.blobName,
                                 targets: try placement(of: record, &ctx), started: ctx.now)
        inFlight[key] = id
        try startCopies(id, &ctx)
        // end exercise 5.1
    }
}
