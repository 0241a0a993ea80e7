import LabKit

/// What a finished download did: where the file is, what came from where, what went wrong on the way.
public struct DownloadReport: Sendable, Equatable {
    /// The final file, verified and renamed into the downloads folder.
    public var path: String
    /// The manifest the file was checked against (its `contentID` names the content).
    public var manifest: Manifest
    /// Chunk bytes received over the network in this run, corrupt and duplicate chunks included.
    public var bytesReceived: UInt64
    /// Verified chunks received from each source in this run.
    public var chunksBySource: [NodeID: Int]
    /// Sources that sent a corrupt chunk, in name order.
    public var banned: [NodeID]
    /// Sources that failed (could not connect, broke off, refused, timed out), with why.
    public var failed: [NodeID: String]
    /// Chunks already on disk from an earlier, interrupted run, and not fetched again.
    public var reusedChunks: Int
    /// How long the run took, from the first connection to the rename.
    public var duration: Duration
    /// The most chunk-buffer bytes the run held at once: at most `maxSources × chunkBuffers × chunkSize`
    /// (``DownloadOptions``), however many sources were listed.
    public var peakChunkMemory: Int

    /// A report with the given figures.
    public init(path: String, manifest: Manifest, bytesReceived: UInt64, chunksBySource: [NodeID: Int], banned: [NodeID],
                failed: [NodeID: String], reusedChunks: Int, duration: Duration, peakChunkMemory: Int) {
        self.path = path
        self.manifest = manifest
        self.bytesReceived = bytesReceived
        self.chunksBySource = chunksBySource
        self.banned = banned
        self.failed = failed
        self.reusedChunks = reusedChunks
        self.duration = duration
        self.peakChunkMemory = peakChunkMemory
    }

    /// Received bytes per second over the whole run.
    public var bytesPerSecond: Double {
        let (seconds, attoseconds) = duration.components
        let elapsed = Double(seconds) + Double(attoseconds) / 1e18
        return elapsed > 0 ? Double(bytesReceived) / elapsed : 0
    }
}
