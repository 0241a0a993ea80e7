import LabKit

/// What `HashBenchmark.run` measured: SHA-256 throughput of LabKit's Swift `SHA256` next to the system's
/// `sha256sum` and `openssl dgst -sha256`, on the same file in the same run, so the ratios are fair.
public struct HashBenchmarkResult: Sendable, Codable, Equatable {
    /// One measurement: how many bytes, how long it took.
    public typealias Measurement = Throughput

    /// Size of the hashed file in bytes.
    public let bytes: Int
    /// The file's SHA-256 in lowercase hex, on which every measured tool agreed.
    public let digest: String
    /// LabKit's `SHA256`, fed by `read` in 1 MiB pieces.
    public let labKit: Measurement
    /// How LabKit computed it: "portable Swift" or "SHA extensions (SHA-NI)".
    public let labKitEngine: String
    /// coreutils `sha256sum FILE`, or nil when it is not on `PATH`.
    public let sha256sum: Measurement?
    /// `openssl dgst -sha256 FILE` (SHA-NI or AVX2 assembly where the CPU has it), or nil when it is not on `PATH`.
    public let openssl: Measurement?
    /// How many rounds were run; each figure is the best of its rounds.
    public let rounds: Int

    /// LabKit throughput over `sha256sum` throughput (above 1.0: LabKit is faster), or nil without `sha256sum`.
    public let labKitToSHA256Sum: Double?
    /// LabKit throughput over OpenSSL throughput, or nil without `openssl`.
    public let labKitToOpenSSL: Double?

    /// A result from its measurements; the ratios are computed here.
    public init(bytes: Int, digest: String, labKit: Measurement, sha256sum: Measurement?, openssl: Measurement?, rounds: Int) {
        self.bytes = bytes
        self.digest = digest
        self.labKit = labKit
        self.labKitEngine = "\(SHA256.Engine.fastest)"
        self.sha256sum = sha256sum
        self.openssl = openssl
        self.rounds = rounds
        self.labKitToSHA256Sum = sha256sum.flatMap { Self.ratio(labKit, to: $0) }
        self.labKitToOpenSSL = openssl.flatMap { Self.ratio(labKit, to: $0) }
    }

    private static func ratio(_ measurement: Measurement, to baseline: Measurement) -> Double? {
        baseline.gigabytesPerSecond > 0 ? measurement.gigabytesPerSecond / baseline.gigabytesPerSecond : nil
    }
}
