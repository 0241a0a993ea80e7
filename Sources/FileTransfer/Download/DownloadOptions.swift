import LabKit

/// How a ``DownloadEngine`` behaves; the defaults suit a LAN and loopback.
public struct DownloadOptions: Sendable, Equatable {
    /// Chunk requests a worker keeps outstanding on its connection (1 = ask, wait, ask…). Two hide the round
    /// trip between chunks without asking a dying source for much.
    public var pipelineDepth: Int
    /// How long connecting to a source may take.
    public var connectTimeout: Duration
    /// How long a source may stay silent while a response or a chunk's bytes are awaited; then it counts as
    /// failed and its chunks go to the others.
    public var readTimeout: Duration
    /// Verified chunks between two flushes of the part file (after which they are written to the progress
    /// record). A kill loses at most this many chunks, which the next run fetches again.
    public var flushEvery: Int
    /// Chunk buffers per source (at least 2): one receives while the chunks in the others are checked and
    /// written, on other cores. A worker holds `chunkBuffers × chunkSize` bytes.
    public var chunkBuffers: Int
    /// The largest chunk size accepted in a manifest (4 MiB; the kit's files use 1 MiB).
    public var maxChunkSize: UInt32
    /// The most sources fetched from at once; the others wait their turn, each taking the place of a source
    /// that failed or was banned. With ``chunkBuffers`` and ``maxChunkSize`` it bounds a download's chunk
    /// memory, `maxSources × chunkBuffers × maxChunkSize` (96 MiB by default), however many holders are listed.
    public var maxSources: Int

    /// Options with the given values; the defaults suit a LAN and loopback.
    public init(pipelineDepth: Int = 2, connectTimeout: Duration = .seconds(5), readTimeout: Duration = .seconds(30),
                flushEvery: Int = 32, chunkBuffers: Int = 3, maxChunkSize: UInt32 = 4 << 20, maxSources: Int = 8) {
        precondition(pipelineDepth >= 1 && flushEvery >= 1, "pipelineDepth and flushEvery must be at least 1")
        precondition(chunkBuffers >= 2, "chunkBuffers must be at least 2")
        precondition(maxSources >= 1, "maxSources must be at least 1")
        self.pipelineDepth = pipelineDepth
        self.connectTimeout = connectTimeout
        self.readTimeout = readTimeout
        self.flushEvery = flushEvery
        self.chunkBuffers = chunkBuffers
        self.maxChunkSize = maxChunkSize
        self.maxSources = maxSources
    }
}
