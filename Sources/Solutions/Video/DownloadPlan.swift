import VideoKit

/// Which chunk to fetch from which source. Pure bookkeeping, no I/O: the given `DownloadEngine` runs one
/// worker per source, and each worker asks `nextChunk(for:)` whenever it has room for another request,
/// then reports how that chunk ended. Every chunk handed out ends in exactly one of `chunkArrived`,
/// `chunkCorrupt`, or `sourceFailed` of the source that had it.
public struct DownloadPlan: DownloadPlanning {
    /// The file being downloaded.
    let manifest: Manifest
    /// Chunks not verified yet: waiting in `queue` or being fetched.
    var needed: Set<Int> = []
    /// Chunks to hand out, next one last (so `popLast()` gives it); may hold chunks that are already
    /// in flight or verified — skip those.
    var queue: [Int] = []
    /// Chunks being fetched, and the source fetching each.
    var inFlight: [Int: NodeID] = [:]
    /// Sources that sent a corrupt chunk: they get nothing more.
    var banned: Set<NodeID> = []

    public var remaining: Int { needed.count }

    /// Exercise 5.1 — start the plan: every chunk of the file that is not in `verified` (chunks already on
    /// disk from an earlier run) is needed, and queued so that the lowest index is handed out first.
    ///
    /// Tested by `video.5.1-resume`: a plan built with `verified` has `remaining == chunkCount - verified.count`;
    /// a download stopped part way and run again fetches only what was missing (at most 2 chunks more).
    /// Hint: `queue = needed.sorted(by: >)` puts the lowest index last.
    public init(manifest: Manifest, verified: Set<Int>) throws {
        self.manifest = manifest
        try Exercise.begin("5.1")
        needed = Set(0..<manifest.chunkCount).subtracting(verified)
        queue = needed.sorted(by: >)
        // end exercise 5.1
    }

    /// Exercise 6.1 — the next chunk for `source`: the next queued chunk that is still needed and that no
    /// source is fetching; note that `source` now fetches it. `nil` when nothing is left for it right now
    /// (the engine asks again after the next change). A banned source gets nothing.
    ///
    /// Tested by `video.6.1-multi-source` and `video.6.1-giant`: three sources all serve chunks and no chunk
    /// is fetched twice; and by every download scenario. Hint: `while let index = queue.popLast()`.
    public mutating func nextChunk(for source: NodeID) throws -> Int? {
        try Exercise.begin("6.1")
        guard !banned.contains(source) else { return nil }
        while let index = queue.popLast() {
            if needed.contains(index) && inFlight[index] == nil {
                inFlight[index] = source
                return index
            }
        }
        return nil
        // end exercise 6.1
    }

    /// Exercise 6.1 — chunk `index` from `source` was verified and written: it is no longer needed nor in
    /// flight. It may be a chunk you already had (a duplicate): that is fine.
    public mutating func chunkArrived(_ index: Int, from source: NodeID) throws {
        try Exercise.begin("6.1")
        needed.remove(index)
        if inFlight[index] == source { inFlight[index] = nil }
        // end exercise 6.1
    }

    /// Exercise 6.2 — `source` broke (connection lost or refused, timed out): every chunk it was fetching
    /// goes back to the queue, so the other sources fetch it.
    ///
    /// Tested by `video.6.2-failover`: a source killed mid-transfer; the download completes from the others.
    public mutating func sourceFailed(_ source: NodeID) throws {
        try Exercise.begin("6.2")
        for (index, fetcher) in inFlight where fetcher == source {
            inFlight[index] = nil
            if needed.contains(index) { queue.append(index) }
        }
        // end exercise 6.2
    }

    /// Exercise 7.1 — chunk `index` from `source` failed verification: never give `source` anything again,
    /// and put `index` back in the queue for another source. (Other chunks `source` is still fetching end
    /// with their own calls.)
    ///
    /// Tested by `video.7.1-corrupt-peer`: a lying peer among three; the download completes intact and,
    /// once this has named the liar, `nextChunk(for:)` never gives it a chunk again.
    public mutating func chunkCorrupt(_ index: Int, from source: NodeID) throws {
        try Exercise.begin("7.1")
        banned.insert(source)
        if inFlight[index] == source { inFlight[index] = nil }
        if needed.contains(index) { queue.append(index) }
        // end exercise 7.1
    }
}
