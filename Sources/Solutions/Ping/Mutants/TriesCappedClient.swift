import PingKit

/// Mutants: clients that ignore `config.maxAttempts` for a number of their own — three tries whatever the
/// config says, or one try more than it allows (`attempt <= maxAttempts`). The scenarios that must catch each
/// are listed in `PingMutants`.
public struct TriesCappedClient<Cap: TriesCap>: PingClientNode {
    private var client: PingClient

    public init(config: PingClientConfig) {
        var capped = config
        capped.maxAttempts = Cap.attempts(config.maxAttempts)
        client = PingClient(config: capped)
    }

    public mutating func start(_ ctx: inout PingContext) throws { try client.start(&ctx) }
    public mutating func timerFired(_ timer: TimerID, _ ctx: inout PingContext) throws { try client.timerFired(timer, &ctx) }
    public mutating func receive(_ message: PingMessage, from sender: NodeID, _ ctx: inout PingContext) throws {
        try client.receive(message, from: sender, &ctx)
    }
}

/// How many tries a `TriesCappedClient` makes, given the configured `maxAttempts`.
public protocol TriesCap: Sendable {
    static func attempts(_ configured: UInt32) -> UInt32
}

/// Three tries, hard-coded.
public enum ThreeTries: TriesCap {
    public static func attempts(_ configured: UInt32) -> UInt32 { 3 }
}

/// One try more than allowed.
public enum OneTryTooMany: TriesCap {
    public static func attempts(_ configured: UInt32) -> UInt32 { configured + 1 }
}
