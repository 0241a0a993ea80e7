import PingKit

/// Mutant: a client that sends its first ping on start but arms no timeout for it (only retries and later pings
/// arm one), so a lost first ping is never retried. The scenarios that must catch it are listed in `PingMutants`.
public struct TimerlessFirstPingClient: PingClientNode {
    private var client: PingClient

    public init(config: PingClientConfig) { client = PingClient(config: config) }

    public mutating func start(_ ctx: inout PingContext) throws {
        client.seq = 1
        client.attempt = 1
        client.sentAt = [1: ctx.now]
        client.waiting = true
        ctx.send(.ping(seq: 1, attempt: 1), to: client.config.server)
    }

    public mutating func timerFired(_ timer: TimerID, _ ctx: inout PingContext) throws { try client.timerFired(timer, &ctx) }
    public mutating func receive(_ message: PingMessage, from sender: NodeID, _ ctx: inout PingContext) throws {
        try client.receive(message, from: sender, &ctx)
    }
}
