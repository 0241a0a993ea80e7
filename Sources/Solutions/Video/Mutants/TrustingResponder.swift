import VideoKit

/// Mutant: a responder that serves any name its library has, without checking that the name is a plain visible file
/// name. The scenarios that must catch it are listed in `VideoDataMutants`.
public struct TrustingResponder: ChunkResponding {
    private let library: [String: LibraryEntry]

    public init(library: [String: LibraryEntry]) { self.library = library }

    public func reply(to request: ChunkRequest) -> ChunkReply {
        guard let entry = library[request.name] else { return .refused(.unknownFile(request.name)) }
        switch request {
        case .manifest:
            return .manifest(entry.manifest)
        case let .chunk(name, index):
            guard Int(index) < entry.manifest.chunkCount else {
                return .refused(.unknownChunk(name: name, index: index, count: entry.manifest.chunkCount))
            }
            let (offset, length) = entry.manifest.range(ofChunk: Int(index))
            return .chunk(index: index, path: entry.path, offset: offset, length: length)
        }
    }
}
