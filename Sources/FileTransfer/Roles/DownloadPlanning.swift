import LabKit

/// Which chunk to fetch from which source: exercises 5.1, 6.1, 6.2 and 7.1. Pure logic, no I/O; the
/// download engine calls it from one place at a time. A thrown error ends the download with that error (a
/// skeleton's `try todo("x.y")` as "not implemented").
public protocol DownloadPlanning: Sendable {
    /// A plan for `manifest` when the chunks in `verified` are already on disk (a resumed download).
    init(manifest: Manifest, verified: Set<Int>) throws
    /// How many chunks are still missing.
    var remaining: Int { get }
    /// The next chunk `source` should fetch, or `nil` when nothing is left for it right now.
    mutating func nextChunk(for source: NodeID) throws -> Int?
    /// Chunk `index` from `source` was verified and written.
    mutating func chunkArrived(_ index: Int, from source: NodeID) throws
    /// `source` broke (connection lost, refused): what it was fetching must go to other sources.
    mutating func sourceFailed(_ source: NodeID) throws
    /// Chunk `index` from `source` failed verification: never use `source` again; fetch `index` elsewhere.
    mutating func chunkCorrupt(_ index: Int, from source: NodeID) throws
}
