import PingKit

/// The ping server: answers every PING so clients can tell it is alive and how far away it is.
public struct PingServer: PingServerNode {
    public init() {}

    /// Exercise 1.1 — answer every `PING seq/attempt` with `PONG seq/attempt`, sent back to its sender.
    ///
    /// Tested by `ping.1.1-answer`: every ping that arrives (duplicates included) gets exactly one pong, with
    /// the same numbers, to the node that sent it. A PONG reaching the server is not an error: log and ignore it.
    /// Hint: `ctx.send(_:to:)` with `sender`.
    public mutating func receive(_ message: PingMessage, from sender: NodeID, _ ctx: inout PingContext) throws {
        try Exercise.begin("1.1")
        switch message {
        case let .ping(seq, attempt):
            ctx.send(.pong(seq: seq, attempt: attempt), to: sender)
        case .pong:
            ctx.log("ignoring \(message) from \(sender)")
        }
        // end exercise 1.1
    }
}
