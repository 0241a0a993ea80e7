import VideoKit

/// The brain of a peer's chunk server: decides what to answer to each request for a manifest or a chunk.
/// The given `ChunkService` does the I/O — it reads requests, asks `reply(to:)`, and sends what you decide
/// (a chunk's bytes go out with `sendFile`, straight from the page cache).
public struct ChunkResponder: ChunkResponding {
    /// The files this peer shares, by name.
    let library: [String: LibraryEntry]

    public init(library: [String: LibraryEntry]) {
        self.library = library
    }

    /// Exercise 3.1 — answer one request without touching the disk:
    /// - refuse with `.invalidName` any name that is not a plain, visible file name: empty, `.` or `..`,
    ///   starting with a dot (hidden), or containing `/` or a NUL byte — even if the library has such a key;
    /// - refuse with `.unknownFile` a name the library does not have;
    /// - `.manifest(name)`: answer `.manifest` with the file's manifest;
    /// - `.chunk(name, index)`: refuse with `.unknownChunk` an index past the last chunk, otherwise answer
    ///   `.chunk` with the file's path and the chunk's offset and length (the last chunk may be shorter).
    ///
    /// Tested by `video.3.1-serve-chunks` (the bytes that arrive are exactly the chunk's, pipelined requests
    /// answered in order) and `video.3.1-hostile-requests` (every hostile request refused, the connection
    /// kept, the server still serving). Hint: `manifest.range(ofChunk:)` gives offset and length.
    public func reply(to request: ChunkRequest) throws -> ChunkReply {
        try Exercise.begin("3.1")
        let name = request.name
        let hostile = name.isEmpty || name.hasPrefix(".") || name.contains("/") || name.utf8.contains(0)
        guard !hostile else { return .refused(.invalidName(name)) }
        guard let entry = library[name] else { return .refused(.unknownFile(name)) }
        switch request {
        case .manifest:
            return .manifest(entry.manifest)
        case let .chunk(_, index):
            guard Int(index) < entry.manifest.chunkCount else {
                return .refused(.unknownChunk(name: name, index: index, count: entry.manifest.chunkCount))
            }
            let (offset, length) = entry.manifest.range(ofChunk: Int(index))
            return .chunk(index: index, path: entry.path, offset: offset, length: length)
        }
        // end exercise 3.1
    }
}
