/// Bytes moved (sent, downloaded, hashed) in some wall-clock time: the unit of every benchmark figure.
public struct Throughput: Sendable, Codable, Equatable {
    /// Bytes handled.
    public let bytes: Int
    /// Wall-clock seconds it took.
    public let seconds: Double
    /// Throughput in decimal gigabytes (10⁹ bytes) per second.
    public let gigabytesPerSecond: Double

    /// `bytes` handled in `elapsed`.
    public init(bytes: Int, elapsed: Duration) {
        let (whole, fraction) = elapsed.components
        self.init(bytes: bytes, seconds: Double(whole) + Double(fraction) / 1e18)
    }

    /// `bytes` handled in `seconds`.
    public init(bytes: Int, seconds: Double) {
        self.bytes = bytes
        self.seconds = seconds
        gigabytesPerSecond = seconds > 0 ? Double(bytes) / seconds / 1e9 : 0
    }

    /// The median of `figures` by time (the lower middle one of an even count); `figures` must not be empty.
    public static func median(_ figures: [Throughput]) -> Throughput {
        precondition(!figures.isEmpty, "a median needs figures")
        return figures.sorted { $0.seconds < $1.seconds }[(figures.count - 1) / 2]
    }
}
