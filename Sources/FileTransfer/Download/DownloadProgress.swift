import LabKit

/// Where a download stands, reported after every verified chunk: enough for a progress bar.
public struct DownloadProgress: Sendable, Equatable {
    /// The file being downloaded.
    public var name: String
    /// Bytes on disk and verified, including chunks reused from an earlier run.
    public var bytesVerified: UInt64
    /// The file's size.
    public var totalBytes: UInt64
    /// Chunk bytes received over the network in this run (corrupt and duplicate chunks included).
    public var bytesReceived: UInt64
    /// Sources still in use: connected or connecting, not failed, not banned.
    public var activeSources: Int
    /// Chunks verified so far (reused ones included).
    public var chunksVerified: Int
    /// How many chunks the file has.
    public var chunkCount: Int

    /// A progress report with the given figures.
    public init(name: String, bytesVerified: UInt64, totalBytes: UInt64, bytesReceived: UInt64, activeSources: Int,
                chunksVerified: Int, chunkCount: Int) {
        self.name = name
        self.bytesVerified = bytesVerified
        self.totalBytes = totalBytes
        self.bytesReceived = bytesReceived
        self.activeSources = activeSources
        self.chunksVerified = chunksVerified
        self.chunkCount = chunkCount
    }

    /// How much is done, from 0 to 1 (1 for an empty file).
    public var fraction: Double { totalBytes == 0 ? 1 : Double(bytesVerified) / Double(totalBytes) }
}
