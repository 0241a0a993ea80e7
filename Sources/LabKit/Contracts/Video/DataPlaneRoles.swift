// Lab video — the student's parts of the data plane, as the given chunk service and download engine drive them.

/// A file a peer shares, as its chunk server sees it.
public struct LibraryEntry: Sendable, Equatable {
    public let manifest: Manifest
    /// Where the file lies on disk.
    public let path: String

    public init(manifest: Manifest, path: String) {
        self.manifest = manifest
        self.path = path
    }
}

/// What a chunk server decided to do with one request.
public enum ChunkReply: Sendable, Equatable {
    /// Send this manifest.
    case manifest(Manifest)
    /// Send `length` bytes of the file at `path` from `offset`, announced as chunk `index`.
    case chunk(index: UInt32, path: String, offset: UInt64, length: Int)
    /// Refuse the request, saying why; the connection stays open.
    case refused(ChunkRefusal)
}

/// The chunk server's decisions: exercise 3.1.
public protocol ChunkResponding: Sendable {
    /// A responder serving the files of `library`, by name.
    init(library: [String: LibraryEntry])
    /// What to send back for `request`. MUST refuse names that could escape the shared folder, unknown
    /// files and chunk indexes past the end, and MUST NOT touch the disk.
    func reply(to request: ChunkRequest) -> ChunkReply
}

/// Manifests and chunk checks: exercises 4.1 and 4.2.
public protocol ChunkHashing {
    /// The manifest of the file at `path`, read chunk by chunk so memory does not grow with the file.
    static func manifest(ofFileAt path: String, name: String, chunkSize: UInt32) throws -> Manifest
    /// Whether `bytes` are exactly chunk `index` of the file `manifest` describes (length and SHA-256).
    static func isValid(_ bytes: UnsafeRawBufferPointer, chunk index: Int, of manifest: Manifest) -> Bool
}

/// Which chunk to fetch from which source: exercises 5.1, 6.1, 6.2 and 7.1. Pure logic, no I/O; the
/// download engine calls it from one place at a time.
public protocol DownloadPlanning: Sendable {
    /// A plan for `manifest` when the chunks in `verified` are already on disk (a resumed download).
    init(manifest: Manifest, verified: Set<Int>)
    /// How many chunks are still missing.
    var remaining: Int { get }
    /// The next chunk `source` should fetch, or `nil` when nothing is left for it right now.
    mutating func nextChunk(for source: NodeID) -> Int?
    /// Chunk `index` from `source` was verified and written.
    mutating func chunkArrived(_ index: Int, from source: NodeID)
    /// `source` broke (connection lost, refused): what it was fetching must go to other sources.
    mutating func sourceFailed(_ source: NodeID)
    /// Chunk `index` from `source` failed verification: never use `source` again; fetch `index` elsewhere.
    mutating func chunkCorrupt(_ index: Int, from source: NodeID)
}

/// Making a download final: exercise 5.2.
public protocol DownloadFinishing {
    /// Checks every chunk of `partFile` against `manifest`, flushes it to disk and renames it to
    /// `destination` atomically. On a mismatch it throws and leaves nothing at `destination`.
    static func finish(partFile: String, manifest: Manifest, destination: String) throws
}

/// One implementation of the whole video lab (the student's or the reference), as graders and the
/// runner use it.
public protocol VideoImplementation: Sendable {
    associatedtype Tracker: TrackerNode
    associatedtype Agent: PeerAgentNode
    associatedtype Responder: ChunkResponding
    associatedtype Hashing: ChunkHashing
    associatedtype Plan: DownloadPlanning
    associatedtype Finisher: DownloadFinishing
}
