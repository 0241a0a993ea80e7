import Foundation

/// What `labrunner bench messaging` measured (printed, and written as JSON with `--json`): the lab's RSA-2048 and
/// OpenSSL's, in the same run, for the report's goal "private operations ≥ 0.25 × OpenSSL's"; then the whole system.
struct MessagingBenchmarkResult: Codable, Sendable {
    /// The goal: the lab's private operations at a quarter of OpenSSL's rate or better.
    static let goal = 0.25

    let privateOpsPerSecond: Double
    let publicOpsPerSecond: Double
    let keygenMedianSeconds: Double
    /// OAEP encrypt + decrypt of a 190-byte message, per second.
    let oaepPairsPerSecond: Double
    /// LabKit's two half-size powers c^dP mod p and c^dQ mod q alone, per second: the floor under a CRT private operation.
    let twoHalfPowersPerSecond: Double
    /// `openssl speed rsa2048`: sign/s (private operations) and verify/s (public ones); nil without openssl.
    let openSSLPrivateOpsPerSecond: Double?
    let openSSLPublicOpsPerSecond: Double?
    /// Median wall time of `openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048`, process start included.
    let openSSLKeygenMedianSeconds: Double?
    /// Bob → Alice, failovers and the stores' costs, measured with one of the keys made above.
    var system: MessagingSystemResult?

    /// The private-operation ratio to OpenSSL, nil without an OpenSSL figure.
    var privateRatio: Double? { openSSLPrivateOpsPerSecond.map { privateOpsPerSecond / $0 } }

    /// The bench's report: each figure next to OpenSSL's, the goal line marked ✔ or ✘, and where the time goes.
    var reportLines: [String] {
        func versus(_ value: Double?, _ format: String) -> String { value.map { String(format: format, $0) } ?? "openssl not measured" }
        var lines = [
            String(format: "  private operations (CRT)  %9.0f /s   openssl %@", privateOpsPerSecond, versus(openSSLPrivateOpsPerSecond, "%.0f /s")),
            String(format: "  public operations         %9.0f /s   openssl %@", publicOpsPerSecond, versus(openSSLPublicOpsPerSecond, "%.0f /s")),
            String(format: "  2048-bit key generation   %9.3f s    openssl genpkey %@ (median of 20)", keygenMedianSeconds,
                   versus(openSSLKeygenMedianSeconds, "%.3f s")),
            String(format: "  OAEP encrypt + decrypt    %9.0f /s   (190-byte message)", oaepPairsPerSecond),
        ]
        if let ratio = privateRatio {
            lines.append(GoalLine.atLeast("private ops / OpenSSL's (goal ≥ 0.25)", ratio, Self.goal))
        } else {
            lines.append("  private ops / OpenSSL's: not measured (openssl not found or unreadable)")
        }
        let share = twoHalfPowersPerSecond > 0 ? min(privateOpsPerSecond / twoHalfPowersPerSecond, 1) : 0
        lines.append(String(format: "  where the time goes: LabKit's two half-size powers c^dP mod p, c^dQ mod q alone run at %.0f /s: %@", twoHalfPowersPerSecond,
                            share >= 0.95 ? "all of a private operation's time, within noise" : String(format: "%.0f %% of a private operation's time", 100 * share)))
        lines.append(share >= 0.95 ? "    (Montgomery multiplication; the recombination and byte conversions cost next to nothing); a public"
                                   : "    (the rest: the recombination, conversions and whatever else the private operation does); a public")
        lines.append("    operation is 17 multiplications; a key is two prime searches, their Miller–Rabin powers dominating")
        return lines
    }
}
