import LabKit

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

/// A request a ``ChunkService`` reads from its clients: one frame, about one named file.
public protocol NamedRequest: WireCodable, Sendable, CustomStringConvertible {
    /// The file the request is about, for refusals and logs.
    var name: String { get }
}

extension ChunkRequest: NamedRequest {}

/// What a ``ChunkService`` asks before each answer: which bytes of which file, or a refusal. It may wait (for
/// bytes still arriving, say); the service answers a connection's requests in order.
public protocol ChunkServing: Sendable {
    /// The requests it answers: the video lab's ``ChunkRequest``, or another protocol's.
    associatedtype Request: NamedRequest = ChunkRequest
    /// What to send back for `request`; a thrown error is sent back as a refusal, and the connection stays open.
    func reply(to request: Request) async throws -> ChunkReply
}

/// The chunk server's decisions: exercise 3.1.
public protocol ChunkResponding: ChunkServing where Request == ChunkRequest {
    /// A responder serving the files of `library`, by name.
    init(library: [String: LibraryEntry])
    /// What to send back for `request`. MUST refuse names that could escape the shared folder, unknown
    /// files and chunk indexes past the end, and MUST NOT touch the disk. A thrown error is sent back as a
    /// refusal saying what it was ("not implemented: exercise 3.1"); the connection stays open.
    func reply(to request: ChunkRequest) throws -> ChunkReply
}
