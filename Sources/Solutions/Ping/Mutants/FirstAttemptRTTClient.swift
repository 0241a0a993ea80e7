import PingKit

/// Mutant: a client that measures every round trip from the ping's first try, not from the try the pong answers.
/// The scenarios that must catch it are listed in `PingMutants`.
public struct FirstAttemptRTTClient: PingClientNode {
    private var client: PingClient

    public init(config: PingClientConfig) { client = PingClient(config: config) }

    public mutating func start(_ ctx: inout PingContext) throws { try client.start(&ctx) }
    public mutating func timerFired(_ timer: TimerID, _ ctx: inout PingContext) throws { try client.timerFired(timer, &ctx) }
    public mutating func receive(_ message: PingMessage, from sender: NodeID, _ ctx: inout PingContext) throws {
        if case let .pong(seq, attempt) = message, client.waiting, seq == client.seq, let first = client.sentAt[1] {
            client.sentAt[attempt] = first
        }
        try client.receive(message, from: sender, &ctx)
    }
}
