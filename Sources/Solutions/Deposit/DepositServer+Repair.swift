import DepositKit

extension DepositServer {
    /// Exercise 6.1 — keep every file at k live copies, whatever dies or comes back. Reach this property:
    /// after a server dies (and `deadAfter` passes), every file it held is back at k live copies within a few
    /// seconds, moving at most 1.05 × the ideal bytes (each lost copy once); a server that returns with old
    /// versions or surplus copies reconciles, so that each file has exactly k copies; with k ≥ 2, no moment of
    /// any k − 1 servers dying loses an acknowledged file. Called on every tick, once the server heard its peers.
    ///
    /// Tested by `deposit.6.1-repair`, `deposit.6.1-rejoin` and `deposit.6.1-chaos`.
    mutating func repair(_ ctx: inout DepositContext) throws {
        try Exercise.begin("6.1")
        let live = membership.live(at: ctx.now)
        var keep: Set<String> = [], named: Set<String> = []
        for transfer in transfers.values { keep.formUnion([transfer.record.blobName, transfer.sourceKey]) }
        for record in catalog.records.values {
            let blob = record.blobName
            named.insert(blob)
            let targets = Array(try Self.rank(owner: record.owner, name: record.name, among: live).prefix(record.replicas))
            if targets.contains(ctx.id) {
                keep.insert(blob)
                let sources = membership.holders(of: blob, at: ctx.now)
                if ctx.blobs.size(of: blob) == nil, copies[blob] == nil, !sources.isEmpty {
                    var pull = BlobPull(key: blob, blob: blob, size: record.size, sources: sources, pieceSize: config.limits.pieceSize)
                    let step = pull.start(&ctx)
                    copies[blob] = IncomingCopy(pull: pull, record: record, waiters: [], started: ctx.now)
                    try copyStep(blob, step, &ctx)
                }
            } else if ctx.blobs.size(of: blob) != nil,
                      !targets.allSatisfy({ membership.holders(of: blob, at: ctx.now).contains($0) }) {
                keep.insert(blob)  // surplus, but dropped only once every server that should hold it says it does
            }
        }
        copyAsked = copyAsked.filter { mayBeCounted($0.key, &ctx) }
        var surplus: Set<String> = []
        for blob in ctx.blobs.names where !keep.contains(blob) && copies[blob] == nil && !blob.hasPrefix(Self.stagePrefix)
            && !mayBeCounted(blob, &ctx) {
            if named.contains(blob) {
                // Dropped once it stayed surplus for a while: servers that have not yet heard of a changed record
                // (or of a server's return) may count on this copy, or drop theirs, for a tick or two.
                surplus.insert(blob)
                let since = surplusSince[blob] ?? ctx.now
                surplusSince[blob] = since
                guard ctx.now - since >= config.surplusGrace else { continue }
                ctx.log("dropping surplus copy \(blob.suffix(64).prefix(8))…: its \(live.count)-server placement holds it")
                ctx.blobs.remove(blob)
            } else if let since = unreferencedSince[blob] {
                if ctx.now - since >= config.leftoverGrace { ctx.blobs.remove(blob); unreferencedSince[blob] = nil }
            } else {
                unreferencedSince[blob] = ctx.now
            }
        }
        unreferencedSince = unreferencedSince.filter { !named.contains($0.key) && ctx.blobs.size(of: $0.key) != nil }
        surplusSince = surplusSince.filter { surplus.contains($0.key) && ctx.blobs.size(of: $0.key) != nil }
        // end exercise 6.1
    }
}
