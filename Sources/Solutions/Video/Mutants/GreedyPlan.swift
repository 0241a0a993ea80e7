import VideoKit

/// Mutant: a plan that hands every source the lowest missing chunk, even one another source is already fetching, so
/// sources download the same chunks over and over. The scenarios that must catch it are listed in
/// `VideoDataMutants`.
public struct GreedyPlan: DownloadPlanning {
    private var plan: DownloadPlan

    public init(manifest: Manifest, verified: Set<Int>) throws { plan = try DownloadPlan(manifest: manifest, verified: verified) }

    public var remaining: Int { plan.remaining }

    public mutating func nextChunk(for source: NodeID) -> Int? {
        guard !plan.banned.contains(source), let index = plan.needed.min() else { return nil }
        plan.inFlight[index] = source
        return index
    }

    public mutating func chunkArrived(_ index: Int, from source: NodeID) throws { try plan.chunkArrived(index, from: source) }
    public mutating func sourceFailed(_ source: NodeID) throws { try plan.sourceFailed(source) }
    public mutating func chunkCorrupt(_ index: Int, from source: NodeID) throws { try plan.chunkCorrupt(index, from: source) }
}
