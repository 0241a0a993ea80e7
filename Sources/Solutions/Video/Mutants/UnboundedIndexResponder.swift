import VideoKit

/// Mutant: a responder that checks names but answers a chunk index past the end of the file as an empty chunk
/// instead of refusing it. The scenarios that must catch it are listed in `VideoDataMutants`.
public struct UnboundedIndexResponder: ChunkResponding {
    private let library: [String: LibraryEntry]
    private let responder: ChunkResponder

    public init(library: [String: LibraryEntry]) {
        self.library = library
        responder = ChunkResponder(library: library)
    }

    public func reply(to request: ChunkRequest) throws -> ChunkReply {
        if case let .chunk(name, index) = request, let entry = library[name], Int(index) >= entry.manifest.chunkCount {
            let (offset, length) = entry.manifest.range(ofChunk: Int(index))
            return .chunk(index: index, path: entry.path, offset: offset, length: length)
        }
        return try responder.reply(to: request)
    }
}
