import LabKit

/// Downloads one file from several peers at once, verifying every chunk, into `<downloads>/<name>`.
///
/// ```swift
/// let engine = DownloadEngine<DownloadPlan, ChunkHasher, DownloadFinisher>(
///     name: "movie.mp4", expected: hit.file.listedContent, sources: hit.holders, downloads: "downloads")
/// let bar = ProgressBar(label: "movie.mp4")
/// let report = try await engine.run { bar.update($0) }
/// bar.finish()
/// print("\(report.path): \(report.bytesReceived) bytes from \(report.chunksBySource.count) peers")
/// ```
/// The run fetches the manifest from the first source that has the listed content and size, then runs one
/// worker per source, at most `maxSources` at once (the next source takes the place of one that fails or is
/// banned), each on its own TCP connection with up to `pipelineDepth` requests outstanding. Workers ask
/// the `Plan` which chunk to fetch, read it into a free buffer, and while the next chunk arrives, check it
/// with `Hashing.isValid`, write it at its offset into `<name>.part`, and tell the plan how it went
/// (`chunkArrived`, `chunkCorrupt`, `sourceFailed`). In the background, verified chunks are appended to
/// `<name>.part.progress` only after the part file is flushed, so a killed or cancelled run resumes with what
/// it had (`Plan(manifest:verified:)`). When the plan has nothing left, `Finisher.finish` checks the whole
/// file and renames it; the record is then removed.
///
/// Memory stays the same whatever the file's size and however many sources are listed: `chunkBuffers`
/// chunks of at most `maxChunkSize` bytes per worker (``DownloadReport/peakChunkMemory``). Hashing runs on
/// Dispatch's threads and disk-heavy steps (preallocating, flushing, the final check) on threads of their
/// own, never on the cooperative pool that serves the sockets.
public struct DownloadEngine<Plan: DownloadPlanning, Hashing: ChunkHashing, Finisher: DownloadFinishing>: Sendable {
    /// The file's name, at the sources and in the downloads folder.
    public let name: String
    /// The content and size the file must have (as the tracker listed it), or `nil` to trust the first
    /// manifest offered (tests only: then a source decides the part file's size).
    public let expected: ListedContent?
    /// Where to fetch from; sources with the same peer name count once.
    public let sources: [PeerContact]
    /// The downloads folder, created if missing.
    public let downloads: String
    /// Pipelining, timeouts and flushing.
    public let options: DownloadOptions

    /// An engine for `name` from `sources` into `downloads`; nothing happens until ``run(progress:)``.
    public init(name: String, expected: ListedContent?, sources: [PeerContact], downloads: String, options: DownloadOptions = DownloadOptions()) {
        self.name = name
        self.expected = expected
        var seen = Set<NodeID>()
        self.sources = sources.filter { seen.insert($0.peer).inserted }
        self.downloads = downloads
        self.options = options
    }

    /// The final file: `<downloads>/<name>`.
    public var destination: String { "\(downloads)/\(name)" }
    /// The file chunks are written into until the download is verified: `<downloads>/<name>.part`.
    public var partFile: String { "\(destination).part" }
    /// The progress record next to the part file: `<downloads>/<name>.part.progress`.
    public var progressFile: String { "\(partFile).progress" }

    /// Downloads the file, calling `progress` after every verified chunk (from the workers' tasks: keep it
    /// quick). Cancelling the task stops the run, keeping what was verified for the next run.
    public func run(progress: @escaping @Sendable (DownloadProgress) -> Void = { _ in }) async throws(DownloadError) -> DownloadReport {
        if let problem = PlainFileName.problem(with: name) { throw .invalidName(name, reason: problem) }
        guard !sources.isEmpty else { throw .noSources }
        let download = DownloadRun<Plan>(
            name: name, expected: expected, sources: sources, downloads: downloads, options: options,
            isValid: { bytes, index, manifest in try Hashing.isValid(bytes, chunk: index, of: manifest) },
            finish: { part, manifest, destination in try Finisher.finish(partFile: part, manifest: manifest, destination: destination) })
        return try await download.run(progress: progress)
    }
}
