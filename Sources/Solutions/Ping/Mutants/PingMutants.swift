import PingKit

/// The ping mutants, and the scenarios that must catch each one (see `Tests/GradedTests/MutantTests.swift`).
public enum PingMutants {
    public static let clients: [(name: String, client: any PingClientNode.Type, caughtBy: [String])] = [
        ("ping: client never retries", NoRetryClient.self, ["ping.2.2-retry-silent-server", "ping.2.2-retry-under-loss"]),
        ("ping: round trip measured from the first try", FirstAttemptRTTClient.self, ["ping.3.1-rtt"]),
    ]
}
