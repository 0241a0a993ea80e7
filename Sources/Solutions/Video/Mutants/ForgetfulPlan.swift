import VideoKit

/// Mutant: a plan that forgets what a failed source was fetching, so those chunks are never fetched again. The
/// scenarios that must catch it are listed in `VideoDataMutants`.
public struct ForgetfulPlan: DownloadPlanning {
    private var plan: DownloadPlan

    public init(manifest: Manifest, verified: Set<Int>) throws { plan = try DownloadPlan(manifest: manifest, verified: verified) }

    public var remaining: Int { plan.remaining }
    public mutating func nextChunk(for source: NodeID) throws -> Int? { try plan.nextChunk(for: source) }
    public mutating func chunkArrived(_ index: Int, from source: NodeID) throws { try plan.chunkArrived(index, from: source) }
    public mutating func sourceFailed(_ source: NodeID) {}
    public mutating func chunkCorrupt(_ index: Int, from source: NodeID) throws { try plan.chunkCorrupt(index, from: source) }
}
