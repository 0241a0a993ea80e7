import VideoKit

/// The grader's own minimal plan: chunks in order, and a source that fails or lies gets nothing more. The
/// single-source scenario uses it, so it grades the finisher and the chunk check before exercise 6.1.
struct SequentialPlan: DownloadPlanning {
    var missing: [Int]
    var fetching: [Int: NodeID] = [:]
    var done: Set<Int> = []
    var dead: Set<NodeID> = []
    let count: Int

    init(manifest: Manifest, verified: Set<Int>) {
        count = manifest.chunkCount
        done = verified
        missing = (0..<manifest.chunkCount).filter { !verified.contains($0) }.reversed()
    }

    var remaining: Int { count - done.count }

    mutating func nextChunk(for source: NodeID) -> Int? {
        guard !dead.contains(source), let index = missing.popLast() else { return nil }
        fetching[index] = source
        return index
    }

    mutating func chunkArrived(_ index: Int, from source: NodeID) {
        done.insert(index)
        fetching[index] = nil
    }

    mutating func sourceFailed(_ source: NodeID) {
        dead.insert(source)
        for (index, fetcher) in fetching where fetcher == source {
            fetching[index] = nil
            missing.append(index)
        }
    }

    mutating func chunkCorrupt(_ index: Int, from source: NodeID) {
        dead.insert(source)
        fetching[index] = nil
        missing.append(index)
    }
}
