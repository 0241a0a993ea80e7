import PingKit

/// Mutant: a client that never retries — it abandons each ping at its first timeout. The scenarios that must catch
/// it are listed in `PingMutants`.
public struct NoRetryClient: PingClientNode {
    private var client: PingClient

    public init(config: PingClientConfig) {
        var once = config
        once.maxAttempts = 1
        client = PingClient(config: once)
    }

    public mutating func start(_ ctx: inout PingContext) throws { try client.start(&ctx) }
    public mutating func timerFired(_ timer: TimerID, _ ctx: inout PingContext) throws { try client.timerFired(timer, &ctx) }
    public mutating func receive(_ message: PingMessage, from sender: NodeID, _ ctx: inout PingContext) throws {
        try client.receive(message, from: sender, &ctx)
    }
}
