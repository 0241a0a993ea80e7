/// What `NetBenchmark.run` measured: loopback TCP throughput of plain blocking sockets (the baseline), of
/// `TCPConnection` reads and writes, and of `sendFile`, all in the same run so the ratios are fair.
public struct NetBenchmarkResult: Sendable, Codable, Equatable {
    /// One measurement: how many bytes, how long it took.
    public typealias Measurement = Throughput

    /// Two threads in a blocking `send`/`recv` loop with 1 MiB buffers: what the machine does without the kit.
    public let baseline: Measurement
    /// `TCPConnection.write` to `TCPConnection.read(into:)`, 1 MiB buffers.
    public let net: Measurement
    /// `TCPConnection.sendFile` of a temporary file to `TCPConnection.read(into:)`.
    public let sendFile: Measurement
    /// How many rounds were run; each figure is the best of its rounds.
    public let rounds: Int

    /// `net` throughput over `baseline` throughput: 1.0 means the async layer costs nothing.
    public let netToBaseline: Double
    /// `sendFile` throughput over `baseline` throughput.
    public let sendFileToBaseline: Double

    /// A result from its three measurements; the ratios are computed here.
    public init(baseline: Measurement, net: Measurement, sendFile: Measurement, rounds: Int) {
        self.baseline = baseline
        self.net = net
        self.sendFile = sendFile
        self.rounds = rounds
        let base = baseline.gigabytesPerSecond
        self.netToBaseline = base > 0 ? net.gigabytesPerSecond / base : 0
        self.sendFileToBaseline = base > 0 ? sendFile.gigabytesPerSecond / base : 0
    }
}
