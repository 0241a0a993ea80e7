import LabKit

/// Talking to sources: connecting, and fetching the manifest.
extension DownloadRun {
    /// The manifest from the first source that has the listed content (or any content when none is listed)
    /// in chunks of at most `options.maxChunkSize` bytes: nothing else may decide the part file.
    func fetchManifest() async throws(DownloadError) -> Manifest {
        var failures: [String] = []
        var offered: [ContentID] = []
        for source in sources {
            do {
                let manifest = try await askManifest(source)
                if let expected, let mismatch = expected.mismatch(with: manifest) {
                    if manifest.contentID != expected.contentID { offered.append(manifest.contentID) }
                    failures.append("\(source): \(mismatch)")
                    continue
                }
                guard manifest.chunkSize <= options.maxChunkSize else {
                    failures.append("\(source): its manifest's chunk size \(manifest.chunkSize) exceeds the limit of \(options.maxChunkSize) bytes")
                    continue
                }
                return manifest
            } catch let error as DownloadError {
                throw error
            } catch {
                failures.append("\(source): \(error)")
            }
        }
        if let expected, !offered.isEmpty { throw .contentMismatch(name: name, expected: expected.contentID, offered: offered) }
        throw .manifestUnavailable(name: name, failures: failures)
    }

    /// Asks `source` for the manifest on a connection of its own.
    private func askManifest(_ source: PeerContact) async throws -> Manifest {
        let client = try await connect(to: source)
        defer { client.close() }
        return try await requestManifest(client)
    }

    /// Sends a manifest request on `client` and returns the manifest it answers.
    func requestManifest(_ client: ChunkClient) async throws -> Manifest {
        try await client.send(.manifest(name: name))
        switch try await client.receive(timeout: options.readTimeout) {
        case let .manifest(manifest): return manifest
        case let .refused(refusal): throw Self.error(for: refusal)
        case let response: throw SourceError.unexpected(response, wanted: "the manifest")
        }
    }

    /// Connects to `source`'s chunk server.
    func connect(to source: PeerContact) async throws -> ChunkClient {
        let address = try SocketAddress.parse(source.address)
        return try await ChunkClient.connect(to: address, timeout: options.connectTimeout)
    }

    /// The error for a refusal: a skeleton's "not implemented" ends the download, anything else the source.
    static func error(for refusal: ChunkRefusal) -> any Error {
        if case let .unreadable(_, reason) = refusal, let missing = NotImplemented(describedBy: reason) {
            return DownloadError.notImplemented(missing)
        }
        return SourceError.refused(refusal)
    }
}

/// Why one source is given up on; the download goes on with the others.
enum SourceError: Error, CustomStringConvertible {
    /// The source refused a request it should have answered.
    case refused(ChunkRefusal)
    /// The source answered something else than what was asked.
    case unexpected(ChunkResponse, wanted: String)
    /// The source's file under this name has other content.
    case otherContent(ContentID)
    /// The source announced a chunk larger than any chunk of the file.
    case oversizedChunk(index: UInt32, length: UInt32)

    var description: String {
        switch self {
        case let .refused(refusal): "refused: \(refusal)"
        case let .unexpected(response, wanted): "answered \(response) instead of \(wanted)"
        case let .otherContent(contentID): "offers other content under this name (\(contentID))"
        case let .oversizedChunk(index, length): "announced \(length) bytes for chunk \(index), more than a chunk holds"
        }
    }
}
