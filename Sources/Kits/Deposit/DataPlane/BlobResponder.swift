#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import FileTransfer

/// What a deposit server's data plane sends for "chunk `index` of `name`": that piece of the blob's file
/// (pieces of ``pieceSize`` bytes, the last one shorter), which ``ChunkService`` sends with `sendfile`.
///
/// A blob still arriving (its `.part`, an upload the copies pull while it comes) is read only by those who
/// may (``mayReadParts``: the cluster's servers), a whole piece at a time: a request ahead of it waits up to
/// ``patience`` for its bytes (and up to ``partAppears`` for the part to exist), the last piece comes once the
/// blob is committed. Given, not an exercise.
struct BlobResponder: ChunkServing {
    /// The store's folder: the blob `NAME` is `folder/NAME`, its unfinished bytes `folder/NAME.part`.
    let folder: String
    let pieceSize: Int
    let mayReadParts: Bool
    /// How long a request for bytes not written yet waits for them.
    let patience: Duration

    func reply(to request: ChunkRequest) async throws -> ChunkReply {
        guard case let .chunk(name, index) = request else { return .refused(.unknownFile(request.name)) }
        guard BlobName.isValid(name) else { return .refused(.invalidName(name)) }
        let offset = UInt64(index) * UInt64(pieceSize), path = "\(folder)/\(name)", part = path + BlobName.partSuffix
        let started = ContinuousClock.now, deadline = started + patience
        while true {
            if let size = Self.size(of: path) {
                guard offset < size else { return .refused(.unknownChunk(name: name, index: index, count: pieces(size))) }
                return .chunk(index: index, path: path, offset: offset, length: Int(min(UInt64(pieceSize), size - offset)))
            }
            guard mayReadParts else { return .refused(.unknownFile(name)) }
            let written = Self.size(of: part)
            if let written, written >= offset + UInt64(pieceSize) { return .chunk(index: index, path: part, offset: offset, length: pieceSize) }
            // A copy is asked for as soon as the upload begins: its part may not exist yet, for a moment.
            if written == nil, ContinuousClock.now - started > Self.partAppears { return .refused(.unknownFile(name)) }
            guard ContinuousClock.now < deadline else {
                return .refused(.unreadable(name: name, reason: "its bytes at \(offset) did not arrive within \(patience)"))
            }
            try await Task.sleep(for: .milliseconds(2))
        }
    }

    /// How long a request from a server waits for a blob that is neither committed nor arriving.
    static let partAppears: Duration = .milliseconds(500)

    /// How many pieces `size` bytes make.
    private func pieces(_ size: UInt64) -> Int { Int((size + UInt64(pieceSize) - 1) / UInt64(pieceSize)) }

    /// The size of the regular file at `path`, or `nil`.
    private static func size(of path: String) -> UInt64? {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return UInt64(info.st_size)
    }
}
