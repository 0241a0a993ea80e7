import DepositKit

extension DepositServer {
    /// Exercise 3.1 — take a DEPOSIT as its coordinator. The same name, size, hash and count as the file held:
    /// a retry, before anything else — `done` once k servers confirm they keep the record (`confirmCommitted`:
    /// this server may have the record from a commit still under way). Refuse (with `answer`, so a resent request gets the
    /// same reply) an unknown client, a name ``FileName`` refuses, a count outside `1...maxReplicas`, more
    /// copies than live servers, and a size over the limit or the space left. The same name, size and hash
    /// with another count is no new file: `changeReplicas` (exercise 5.1). Otherwise make the new version's
    /// record (version + 1), pick its servers (`placement`), and pull the bytes from the client
    /// (`DepositClient.uploadKey(request)`) into the blob the copies are made from: the final blob if this
    /// server is one of them, `stage-` + the blob name if not.
    ///
    /// Tested by `deposit.3.1-refusals`, and by every deposit after it. Hint: the upload's steps arrive in
    /// `uploadStep`; a transfer's number comes from `ctx.random`.
    mutating func handleDeposit(_ key: RequestKey, client: ClientID, name: String, size: UInt64, sha256: [UInt8], replicas: Int,
                                _ ctx: inout DepositContext) throws {
        try Exercise.begin("3.1")
        let held = catalog.clients.contains(client) ? catalog.record(owner: client, name: name) : nil
        if let held, held.sha256 == sha256, held.size == size, held.replicas == replicas {
            // The same file and count again: a retry (maybe of a deposit this server took before it restarted, or
            // sent here while its commit is still under way). Its copies exist; done once k servers keep its record.
            return try confirmCommitted(held, for: key, &ctx)
        }
        if let refusal = try refusal(client: client, name: name, replicas: replicas, ctx) ?? (try sizeRefusal(size, ctx)) {
            return answer(.refused(request: key.request, reason: refusal), to: key, &ctx)
        }
        if let held, held.sha256 == sha256, held.size == size {
            return try changeReplicas(of: held, to: replicas, for: key, &ctx)  // a new count (exercise 5.1): no byte from the client
        }
        let record = FileRecord(owner: client, name: name, size: size, sha256: sha256, replicas: replicas,
                                version: (held?.version ?? 0) + 1)
        let targets = try placement(of: record, &ctx)
        let stage = targets.contains(ctx.id) ? record.blobName : Self.stagePrefix + record.blobName
        var upload = BlobPull(key: DepositClient.uploadKey(key.request), blob: stage, size: size, sources: [key.node],
                              pieceSize: config.limits.pieceSize)
        let id = ctx.random.next()
        let step = upload.start(&ctx)
        transfers[id] = Transfer(id: id, client: key, record: record, upload: upload, source: ctx.id, sourceKey: stage,
                                 targets: targets, started: ctx.now)
        inFlight[key] = id
        try uploadStep(id, step, &ctx)
        // end exercise 3.1
    }

    /// Exercise 3.1 — why a request about `client`'s file `name` on `replicas` servers is refused, or `nil`.
    func refusal(client: ClientID, name: String, replicas: Int, _ ctx: DepositContext) throws -> DepositRefusal? {
        try Exercise.begin("3.1")
        guard catalog.clients.contains(client) else { return .unknownClient }
        if let problem = FileName.problem(with: name) { return .invalidName(reason: problem) }
        guard (1...config.limits.maxReplicas).contains(replicas) else {
            return .invalidReplicas(requested: replicas, maximum: config.limits.maxReplicas)
        }
        let live = membership.live(at: ctx.now).count
        guard replicas <= live else { return .tooFewServers(live: live, wanted: replicas) }
        return nil
        // end exercise 3.1
    }

    /// Exercise 3.1 — why a deposit of `size` bytes is refused before its bytes flow, or `nil`.
    func sizeRefusal(_ size: UInt64, _ ctx: DepositContext) throws -> DepositRefusal? {
        try Exercise.begin("3.1")
        let limit = min(config.limits.maxFileSize, ctx.blobs.freeBytes)
        return size <= limit ? nil : .tooLarge(size: size, limit: limit)
        // end exercise 3.1
    }
}
