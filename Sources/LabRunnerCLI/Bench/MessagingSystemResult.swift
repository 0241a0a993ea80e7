/// What `labrunner bench messaging` measured of the whole system (in its JSON under `system`): Bob → Alice on
/// loopback against what the RSA allows, failovers in real runs and in virtual time against the election's
/// timeouts, and the stores' messages per critical-section entry against Ricart–Agrawala's 2(N − 1).
struct MessagingSystemResult: Codable, Sendable {
    /// Messages Bob typed at once for the end-to-end rate.
    let messages: Int
    /// Those messages over the time from the first typed until Alice showed the last.
    let endToEndMessagesPerSecond: Double
    /// The median time between two of those messages said stored: Bob appends one at a time, each in an entry
    /// of the stores' critical section, so this bounds the rate at its inverse.
    let appendIntervalMedianSeconds: Double
    let cores: Int
    let processors: Int
    /// What the RSA allows: every message is decrypted by every processor, so `cores` × the private operations
    /// per second measured in the same run ÷ `processors` (encryption, 17 multiplications, left out).
    let rsaCeilingMessagesPerSecond: Double
    let realFailover: RealFailovers
    let virtualFailover: VirtualFailovers
    let criticalSection: EntryCost

    /// Leaders killed with SIGKILL in real runs, a line typed into Bob at each kill.
    struct RealFailovers: Codable, Sendable {
        /// Each run: seconds from the kill until another processor printed `leader of term N`, and until the line was stored.
        let runs: [Run]
        let electionMedianSeconds: Double?
        let nextReplyMedianSeconds: Double?

        struct Run: Codable, Sendable {
            let killed: String
            let electionSeconds: Double?
            let nextReplySeconds: Double?
        }
    }

    /// Leaders crashed in the simulator, one seed each, a request sent at each crash.
    struct VirtualFailovers: Codable, Sendable {
        let seeds: Int
        let electionMedianSeconds: Double
        let electionMaxSeconds: Double
        let nextReplyMedianSeconds: Double
        let nextReplyMaxSeconds: Double
        /// The yardsticks: how long a follower waits for its leader, then for `alive` and for promises.
        let electionTimeoutSeconds: Double
        let answerTimeoutSeconds: Double
    }

    /// Ricart–Agrawala's requests and replies among the stores per entry into the critical section, in a
    /// fault-free simulated run of the whole system.
    struct EntryCost: Codable, Sendable {
        let stores: Int
        let entries: Int
        let requestsAndReplies: Int
        let perEntry: Double
        /// 2(N − 1): one request to and one reply from every other store.
        let ideal: Int
    }

    /// The bench's lines for these figures, each with what it is measured against.
    var reportLines: [String] {
        func seconds(_ value: Double?) -> String { value.map { String(format: "%.2f s", $0) } ?? "none" }
        return [
            String(format: "  end to end, Bob → Alice   %9.1f msg/s  (%d messages typed at once, until Alice showed the last)", endToEndMessagesPerSecond, messages),
            String(format: "    what the RSA allows: every processor decrypts every message: %d cores × the private ops/s above ÷ %d processors = %.0f msg/s; %.2f× of it",
                   cores, processors, rsaCeilingMessagesPerSecond, endToEndMessagesPerSecond / max(rsaCeilingMessagesPerSecond, 1e-9)),
            String(format: "    where the time goes: Bob appends one message at a time, each in its own critical-section entry (copied and fsync'd on the stores): %.1f ms between two stored (at most %.0f msg/s)",
                   appendIntervalMedianSeconds * 1000, 1 / max(appendIntervalMedianSeconds, 1e-9)),
            "  failover, real runs       election \(seconds(realFailover.electionMedianSeconds)), next reply \(seconds(realFailover.nextReplyMedianSeconds)) (medians of \(realFailover.runs.count): SIGKILL of the leader → another prints 'leader of term', and → a line typed at the kill is stored)",
            String(format: "  failover, virtual time    election %.2f s (max %.2f s), next reply %.2f s (max %.2f s) (medians of %d seeds: a crash → another leads, and → a request sent at the crash is answered)",
                   virtualFailover.electionMedianSeconds, virtualFailover.electionMaxSeconds, virtualFailover.nextReplyMedianSeconds,
                   virtualFailover.nextReplyMaxSeconds, virtualFailover.seeds),
            String(format: "    the yardstick: a follower waits %.2f s without its leader, then %.2f s for an answer from above and again for promises; clients retry every 0.20 s",
                   virtualFailover.electionTimeoutSeconds, virtualFailover.answerTimeoutSeconds),
            String(format: "  critical section          %.2f requests and replies per entry (%d entries, fault-free simulated run); 2(N − 1) = %d for N = %d stores",
                   criticalSection.perEntry, criticalSection.entries, criticalSection.ideal, criticalSection.stores),
        ]
    }
}
