import Foundation

/// What `AEADBenchmark.run` measured: LabKit's ChaCha20-Poly1305 on 1 KiB messages, and `openssl speed` on the same
/// machine in the same run, for the report's "≥ 0.25 × OpenSSL" goal.
///
/// The two tools count different work, so the result gives two ratios. LabKit's message is a seal *and* an open,
/// each allocating its output; OpenSSL's is one encryption pass per 1 KiB buffer on a reused context. The pair ratio
/// (`ratioToOpenSSL`) sets a LabKit pair against one OpenSSL encryption; the per-operation ratio
/// (`operationRatioToOpenSSL`) counts a seal or an open as one operation, like OpenSSL's one encryption.
public struct AEADBenchmarkResult: Sendable, Codable, Equatable {
    /// The goal for both ratios: LabKit at a quarter of OpenSSL's speed or better.
    public static let goal = 0.25

    /// Bytes in every message.
    public let messageBytes: Int
    /// Messages LabKit sealed and opened.
    public let messages: Int
    /// Wall-clock seconds LabKit took for them.
    public let seconds: Double
    /// LabKit: messages sealed and then opened per second (seal + open pairs).
    public let labKitMessagesPerSecond: Double
    /// LabKit: seals and opens per second, each counted once: twice `labKitMessagesPerSecond`.
    public let labKitOperationsPerSecond: Double
    /// OpenSSL: 1 KiB messages encrypted per second by `openssl speed -evp chacha20-poly1305`; nil when `openssl` is
    /// not on the PATH or its output could not be read.
    public let openSSLMessagesPerSecond: Double?
    /// Pairs against encryptions: `labKitMessagesPerSecond / openSSLMessagesPerSecond`, nil without an OpenSSL figure.
    public let ratioToOpenSSL: Double?
    /// Operations against encryptions: `labKitOperationsPerSecond / openSSLMessagesPerSecond`, nil without an OpenSSL figure.
    public let operationRatioToOpenSSL: Double?

    /// A result from LabKit's count and time and OpenSSL's rate; the rates and the ratios are computed here.
    public init(messageBytes: Int, messages: Int, seconds: Double, openSSLMessagesPerSecond: Double?) {
        self.messageBytes = messageBytes
        self.messages = messages
        self.seconds = seconds
        let pairs = seconds > 0 ? Double(messages) / seconds : 0
        self.labKitMessagesPerSecond = pairs
        self.labKitOperationsPerSecond = 2 * pairs
        self.openSSLMessagesPerSecond = openSSLMessagesPerSecond
        let openSSL = openSSLMessagesPerSecond.flatMap { $0 > 0 ? $0 : nil }
        self.ratioToOpenSSL = openSSL.map { pairs / $0 }
        self.operationRatioToOpenSSL = openSSL.map { 2 * pairs / $0 }
    }

    /// The bench's report, one line per figure, each ratio marked ✔ when it meets `goal` and ✘ when it does not.
    /// Ratios are rounded down to three decimals, so one printed as 0.250 does meet the goal:
    ///
    ///     openssl speed: 4.55 M encryptions/s (one per 1024-byte message)
    ///     LabKit per pair: 0.53 M seal + open pairs/s, ratio 0.117 (goal ≥ 0.25) ✘
    ///     LabKit per operation: 1.06 M seals or opens/s, ratio 0.233 (goal ≥ 0.25) ✘
    public var reportLines: [String] {
        func verdict(_ ratio: Double?) -> String {
            guard let ratio else { return "" }
            let shown = (ratio * 1000).rounded(.down) / 1000
            return String(format: ", ratio %.3f (goal ≥ %.2f) ", shown, Self.goal) + (ratio >= Self.goal ? "✔" : "✘")
        }
        let openSSL = openSSLMessagesPerSecond.map { String(format: "openssl speed: %.2f M encryptions/s (one per %d-byte message)", $0 / 1e6, messageBytes) }
        return [openSSL ?? "openssl speed: not measured (openssl not found or unreadable)",
                String(format: "LabKit per pair: %.2f M seal + open pairs/s", labKitMessagesPerSecond / 1e6) + verdict(ratioToOpenSSL),
                String(format: "LabKit per operation: %.2f M seals or opens/s", labKitOperationsPerSecond / 1e6) + verdict(operationRatioToOpenSSL)]
    }
}
