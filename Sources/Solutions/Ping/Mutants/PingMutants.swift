import PingKit

/// The ping mutants, and the scenarios that must catch each one (see `Tests/GradedTests/MutantTests.swift`).
public enum PingMutants {
    public static let clients: [(name: String, client: any PingClientNode.Type, caughtBy: [String])] = [
        ("ping: client never retries", NoRetryClient.self, ["ping.2.2-retry-silent-server", "ping.2.2-retry-under-loss"]),
        ("ping: round trip measured from the first try", FirstAttemptRTTClient.self, ["ping.3.1-rtt"]),
        ("ping: no timeout armed for the first ping", TimerlessFirstPingClient.self, ["ping.2.1-first-ping"]),
        ("ping: three tries whatever maxAttempts says", TriesCappedClient<ThreeTries>.self,
         ["ping.2.2-retry-silent-server", "ping.2.2-server-restart"]),
        ("ping: one try more than maxAttempts", TriesCappedClient<OneTryTooMany>.self, ["ping.2.2-retry-silent-server", "ping.2.2-retry-under-loss"]),
    ]

    /// Each mutant server, with the scenarios that must each fail on it (the client is the reference's).
    public static let servers: [(name: String, server: any PingServerNode.Type, caughtBy: [String])] = [
        ("ping: server answers each PING once, not its copies", OncePerPingServer.self, ["ping.1.1-answer"]),
    ]
}
