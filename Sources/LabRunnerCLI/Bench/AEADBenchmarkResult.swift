/// What `AEADBenchmark.run` measured: LabKit's ChaCha20-Poly1305 on 1 KiB messages, and `openssl speed` on the same
/// machine in the same run, for the report's "≥ 0.25 × OpenSSL" line.
///
/// The two figures count different work: LabKit's is a seal *and* an open per message, each allocating its output;
/// OpenSSL's is one encryption pass per 1 KiB buffer on a reused context. Per operation LabKit does twice its figure.
public struct AEADBenchmarkResult: Sendable, Codable, Equatable {
    /// Bytes in every message.
    public let messageBytes: Int
    /// Messages LabKit sealed and opened.
    public let messages: Int
    /// Wall-clock seconds LabKit took for them.
    public let seconds: Double
    /// LabKit: messages sealed and then opened per second.
    public let labKitMessagesPerSecond: Double
    /// OpenSSL: 1 KiB messages encrypted per second by `openssl speed -evp chacha20-poly1305`; nil when `openssl` is
    /// not on the PATH or its output could not be read.
    public let openSSLMessagesPerSecond: Double?
    /// `labKitMessagesPerSecond / openSSLMessagesPerSecond`, nil without an OpenSSL figure.
    public let ratioToOpenSSL: Double?

    /// A result from LabKit's count and time and OpenSSL's rate; the rates and the ratio are computed here.
    public init(messageBytes: Int, messages: Int, seconds: Double, openSSLMessagesPerSecond: Double?) {
        self.messageBytes = messageBytes
        self.messages = messages
        self.seconds = seconds
        let labKit = seconds > 0 ? Double(messages) / seconds : 0
        self.labKitMessagesPerSecond = labKit
        self.openSSLMessagesPerSecond = openSSLMessagesPerSecond
        self.ratioToOpenSSL = openSSLMessagesPerSecond.flatMap { $0 > 0 ? labKit / $0 : nil }
    }
}
