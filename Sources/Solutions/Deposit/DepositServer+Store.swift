import DepositKit

extension DepositServer {
    /// Exercise 3.2 — the coordinator asks for a copy of `record`'s content. If the blob is held already,
    /// say `stored` at once; if it is being pulled, add the coordinator to the waiters; otherwise pull it
    /// (`BlobPull`) from `source`, which knows it as `key`, and then from the other live holders.
    ///
    /// Tested by `deposit.3.2-verified-copies` and by every deposit after it. Hint: the pull's steps arrive in
    /// `copyStep`; check the space left before the bytes flow.
    mutating func handleStore(transfer: UInt64, record: FileRecord, source: NodeID, key: String, from coordinator: NodeID,
                              _ ctx: inout DepositContext) throws {
        try Exercise.begin("3.2")
        let blob = record.blobName
        let waiter = IncomingCopy.Waiter(coordinator: coordinator, transfer: transfer)
        if ctx.blobs.size(of: blob) != nil { return ctx.send(.stored(transfer: transfer, blob: blob), to: coordinator) }
        if copies[blob] != nil {
            if !copies[blob]!.waiters.contains(waiter) { copies[blob]!.waiters.append(waiter) }
            return
        }
        guard record.size <= ctx.blobs.freeBytes else {
            return ctx.send(.storeFailed(transfer: transfer, reason: .tooLarge(size: record.size, limit: ctx.blobs.freeBytes)), to: coordinator)
        }
        let others = membership.holders(of: blob, at: ctx.now).filter { $0 != source }
        var pull = BlobPull(key: key, blob: blob, size: record.size, sources: [source] + others, pieceSize: config.limits.pieceSize)
        let step = pull.start(&ctx)
        copies[blob] = IncomingCopy(pull: pull, record: record, waiters: [waiter], started: ctx.now)
        try copyStep(blob, step, &ctx)
        // end exercise 3.2
    }

    /// Exercise 3.2 — a copy's pull moved on. When whole, `keep` it and tell every waiter `stored`; when it
    /// failed, or its bytes are not the declared ones, tell them `storeFailed` (a waiter that is this server is
    /// told by a call). Either way it is over.
    mutating func copyStep(_ blob: String, _ step: BlobPull.Step, _ ctx: inout DepositContext) throws {
        try Exercise.begin("3.2")
        guard let copy = copies[blob] else { return }
        let failure: DepositRefusal?
        switch step {
        case .waiting: return
        case .held: failure = nil
        case .whole: failure = try keep(copy.pull, as: copy.record, &ctx) ? nil : .contentMismatch
        case let .failed(reason): failure = reason
        }
        copies[blob] = nil
        for waiter in copy.waiters {
            switch (failure, waiter.coordinator == ctx.id) {
            case let (reason?, true): try handleStoreFailed(transfer: waiter.transfer, reason: reason, from: ctx.id, &ctx)
            case let (reason?, false): ctx.send(.storeFailed(transfer: waiter.transfer, reason: reason), to: waiter.coordinator)
            case (nil, true): try handleStored(transfer: waiter.transfer, blob: blob, from: ctx.id, &ctx)
            case (nil, false): ctx.send(.stored(transfer: waiter.transfer, blob: blob), to: waiter.coordinator)
            }
        }
        // end exercise 3.2
    }

    /// Exercise 3.2 — make the whole pull durable under its name, but only if its bytes have `record`'s size
    /// and SHA-256: `ctx.blobs.commit` checks both, syncs and renames, and throws (keeping nothing) otherwise.
    /// Returns whether the copy was kept.
    mutating func keep(_ pull: BlobPull, as record: FileRecord, _ ctx: inout DepositContext) throws -> Bool {
        try Exercise.begin("3.2")
        do throws(StorageError) {
            try ctx.blobs.commit(pull.blob, size: record.size, sha256: record.sha256)
            return true
        } catch {
            ctx.log("copy of \(record) not kept: \(error)")
            return false
        }
        // end exercise 3.2
    }

    /// The upload of transfer `id` from its client moved on. As soon as it began, the other targets are asked for
    /// their copies, which they pull from this server while the upload still arrives (their fetches wait for the
    /// bytes): a pipeline, not one copy after another. Once whole and kept, the copies are counted (`startCopies`).
    mutating func uploadStep(_ id: UInt64, _ step: BlobPull.Step, _ ctx: inout DepositContext) throws {
        guard let transfer = transfers[id], let upload = transfer.upload else { return }
        switch step {
        case .waiting:
            guard !transfer.pipelined else { return }
            transfers[id]!.pipelined = true
            for target in transfer.targets where target != ctx.id {
                ctx.send(.store(transfer: id, record: transfer.record, source: ctx.id, key: transfer.sourceKey), to: target)
            }
            return
        case let .failed(reason): return abandon(id, reason, &ctx)
        case .whole:
            let kept = upload.blob.hasPrefix(Self.stagePrefix) ? stage(upload, as: transfer.record, &ctx) : try keep(upload, as: transfer.record, &ctx)
            guard kept else { return abandon(id, .contentMismatch, &ctx) }
        case .held: break
        }
        transfers[id]?.upload = nil
        try startCopies(id, &ctx)
    }

    /// Commits the upload of a coordinator that keeps no copy of the file: checked like any copy, but not synced,
    /// since its bytes only feed the copies and are deleted once the change is ok (a crash loses the transfer
    /// anyway). On a 1 GiB file that is a whole write to the disk saved. Returns whether it was kept.
    private func stage(_ upload: BlobPull, as record: FileRecord, _ ctx: inout DepositContext) -> Bool {
        do throws(StorageError) {
            try ctx.blobs.commit(upload.blob, size: record.size, sha256: record.sha256, durable: false)
            return true
        } catch {
            ctx.log("upload of \(record) not kept: \(error)")
            return false
        }
    }
}
