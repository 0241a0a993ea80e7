#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import FileTransfer

/// What a deposit server's data plane sends for "`count` bytes of blob `key` from `offset`" (at most
/// ``maxCount``): those bytes of the blob's file, which ``ChunkService`` sends with `sendfile`.
///
/// A blob still arriving (its `.part`, an upload the copies pull while it comes) is read only by those who
/// may (``mayReadParts``: the cluster's servers): a request ahead of it waits up to ``patience`` for its bytes
/// (and up to ``partAppears`` for the part to exist). Given, not an exercise.
struct BlobResponder: ChunkServing {
    /// The store's folder: the blob `NAME` is `folder/NAME`, its unfinished bytes `folder/NAME.part`.
    let folder: String
    let maxCount: Int
    let mayReadParts: Bool
    /// How long a request for bytes not written yet waits for them.
    let patience: Duration

    /// How long a request from a server waits for a blob that is neither committed nor arriving.
    static let partAppears: Duration = .milliseconds(500)

    func reply(to request: PieceRequest) async throws -> ChunkReply {
        let name = request.key, offset = request.offset, count = UInt64(min(Int(request.count), maxCount))
        guard BlobName.isValid(name) else { return .refused(.invalidName(name)) }
        guard count > 0 else { return .refused(.unreadable(name: name, reason: "no bytes asked for")) }
        let path = "\(folder)/\(name)", part = path + BlobName.partSuffix
        let started = ContinuousClock.now, deadline = started + patience
        while true {
            if let size = Self.size(of: path) {
                guard offset < size else { return .refused(.unreadable(name: name, reason: "it has \(size) bytes, none at \(offset)")) }
                return .chunk(index: 0, path: path, offset: offset, length: Int(min(count, size - offset)))
            }
            guard mayReadParts else { return .refused(.unknownFile(name)) }
            let written = Self.size(of: part)
            if let written, written >= offset + count { return .chunk(index: 0, path: part, offset: offset, length: Int(count)) }
            // A copy is asked for as soon as the upload begins: its part may not exist yet, for a moment.
            if written == nil, ContinuousClock.now - started > Self.partAppears { return .refused(.unknownFile(name)) }
            guard ContinuousClock.now < deadline else {
                return .refused(.unreadable(name: name, reason: "its bytes at \(offset) did not arrive within \(patience)"))
            }
            try await Task.sleep(for: .milliseconds(2))
        }
    }

    /// The size of the regular file at `path`, or `nil`.
    private static func size(of path: String) -> UInt64? {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return UInt64(info.st_size)
    }
}
