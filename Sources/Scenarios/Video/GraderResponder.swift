import VideoKit

/// The grader's own chunk server logic: serves its library by exact name. Download scenarios use it so they
/// grade the downloader, whatever the state of exercise 3.1.
struct GraderResponder: ChunkResponding {
    let library: [String: LibraryEntry]

    init(library: [String: LibraryEntry]) { self.library = library }

    func reply(to request: ChunkRequest) -> ChunkReply {
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
