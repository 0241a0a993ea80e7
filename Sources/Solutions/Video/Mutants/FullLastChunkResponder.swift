import VideoKit

/// Mutant: a responder that announces a whole chunk size for every chunk, the short last one too. The scenarios
/// that must catch it are listed in `VideoDataMutants`.
public struct FullLastChunkResponder: ChunkResponding {
    private let responder: ChunkResponder

    public init(library: [String: LibraryEntry]) { responder = ChunkResponder(library: library) }

    public func reply(to request: ChunkRequest) throws -> ChunkReply {
        guard case let .chunk(index, path, offset, _) = try responder.reply(to: request), let entry = responder.library[request.name] else {
            return try responder.reply(to: request)
        }
        return .chunk(index: index, path: path, offset: offset, length: Int(entry.manifest.chunkSize))
    }
}
