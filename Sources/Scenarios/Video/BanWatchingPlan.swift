import VideoKit

/// The plan under test, watched by the grader for `video.7.1-corrupt-peer`: every call goes to `Inner`, and a
/// chunk handed to a source after `chunkCorrupt` named it is refused with ``BanBroken``, which ends the download
/// with that sentence. So the scenario checks the ban itself, not how many requests the engine had already sent
/// when the check of the bad chunk finished (which depends on how busy the machine is).
struct BanWatchingPlan<Inner: DownloadPlanning>: DownloadPlanning {
    /// A chunk handed to a source the plan had been told lied.
    struct BanBroken: Error, CustomStringConvertible {
        let chunk: Int
        let source: NodeID
        let corrupt: Int

        var description: String {
            "nextChunk(for: \(source)) handed out chunk \(chunk) after chunkCorrupt(\(corrupt), from: \(source)): a peer that lied must get nothing more"
        }
    }

    private var inner: Inner
    /// Each source reported corrupt, with the first bad chunk it sent.
    private var liars: [NodeID: Int] = [:]

    init(manifest: Manifest, verified: Set<Int>) throws {
        inner = try Inner(manifest: manifest, verified: verified)
    }

    var remaining: Int { inner.remaining }

    mutating func nextChunk(for source: NodeID) throws -> Int? {
        let chunk = try inner.nextChunk(for: source)
        if let chunk, let corrupt = liars[source] { throw BanBroken(chunk: chunk, source: source, corrupt: corrupt) }
        return chunk
    }

    mutating func chunkArrived(_ index: Int, from source: NodeID) throws {
        try inner.chunkArrived(index, from: source)
    }

    mutating func sourceFailed(_ source: NodeID) throws {
        try inner.sourceFailed(source)
    }

    mutating func chunkCorrupt(_ index: Int, from source: NodeID) throws {
        try inner.chunkCorrupt(index, from: source)
        if liars[source] == nil { liars[source] = index }
    }
}

extension DataPlaneRoles {
    /// These roles with their plan watched for a broken ban.
    var withWatchedBans: DataPlaneRoles {
        replacing(.plan(Self.watched(plan)))
    }

    private static func watched<Plan: DownloadPlanning>(_: Plan.Type) -> any DownloadPlanning.Type {
        BanWatchingPlan<Plan>.self
    }
}
