import ZapsZapKit

/// Mutant: a member whose Lamport clock moves on by one for each arrival instead of jumping to
/// `max(local, received) + 1`, so its messages can sort before messages it had already seen (a reply before
/// what it answers). The graded suite must catch it (`zapszap.3.1-causal-order`, `zapszap.3.2-order-and-dedup`).
public struct LaggingClockPeer: PassThroughPeer {
    public var peer: ChatPeer

    /// Wraps the reference member.
    public init(config: ZapConfig) { peer = ChatPeer(config: config) }

    public mutating func receive(_ message: ZapDatagram, from sender: NodeID, _ ctx: inout ZapContext) throws {
        let before = peer.clock.time
        try peer.receive(message, from: sender, &ctx)
        if peer.clock.time > before { peer.clock.time = before + 1 }  // The bug: the received time is ignored.
    }
}
