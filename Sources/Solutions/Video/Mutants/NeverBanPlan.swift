import VideoKit

/// Mutant: a plan that refetches a corrupt chunk but keeps asking the peer that lied. The scenarios that must catch
/// it are listed in `VideoDataMutants`.
public struct NeverBanPlan: DownloadPlanning {
    private var plan: DownloadPlan

    public init(manifest: Manifest, verified: Set<Int>) throws { plan = try DownloadPlan(manifest: manifest, verified: verified) }

    public var remaining: Int { plan.remaining }
    public mutating func nextChunk(for source: NodeID) throws -> Int? { try plan.nextChunk(for: source) }
    public mutating func chunkArrived(_ index: Int, from source: NodeID) throws { try plan.chunkArrived(index, from: source) }
    public mutating func sourceFailed(_ source: NodeID) throws { try plan.sourceFailed(source) }

    public mutating func chunkCorrupt(_ index: Int, from source: NodeID) {
        if plan.inFlight[index] == source { plan.inFlight[index] = nil }
        if plan.needed.contains(index) { plan.queue.append(index) }
    }
}
