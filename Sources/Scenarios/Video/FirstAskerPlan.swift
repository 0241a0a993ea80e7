import VideoKit

/// The grader's plan for the one-source download (`video.5.2-single-source`), so that scenario grades the chunk
/// check and the finisher before the plan exercises are done. It is deliberately no answer to them: the first
/// source to ask gets chunks 0, 1, 2… in turn and every other source nothing; chunks already on disk are
/// fetched again; a source that fails or lies ends the download. Copied into `DownloadPlan`, it fails every
/// plan scenario (resume, multi-source, failover, corrupt peer).
struct FirstAskerPlan: DownloadPlanning {
    let chunkCount: Int
    var handedOut = 0
    var arrived = 0
    var asker: NodeID?
    /// Set once the asker failed or lied: nothing more is handed out, and the engine reports the lost source.
    var broken = false

    init(manifest: Manifest, verified: Set<Int>) {
        chunkCount = manifest.chunkCount
    }

    var remaining: Int { chunkCount - arrived }

    mutating func nextChunk(for source: NodeID) -> Int? {
        if asker == nil { asker = source }
        guard source == asker, !broken, handedOut < chunkCount else { return nil }
        handedOut += 1
        return handedOut - 1
    }

    mutating func chunkArrived(_ index: Int, from source: NodeID) {
        arrived += 1
    }

    mutating func sourceFailed(_ source: NodeID) {
        if source == asker { broken = true }
    }

    mutating func chunkCorrupt(_ index: Int, from source: NodeID) {
        broken = true
    }
}
