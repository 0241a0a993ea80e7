import ZapsZapKit

/// Mutant: a member without a replay window: it accepts a copy of a datagram it already accepted, so an
/// attacker can make it act on a captured datagram again. The graded suite must catch it (`zapszap.2.2-replays`).
public struct ReplayBlindPeer: PassThroughPeer {
    public var peer: ChatPeer

    /// Wraps the reference member.
    public init(config: ZapConfig) { peer = ChatPeer(config: config) }

    public mutating func receive(_ message: ZapDatagram, from sender: NodeID, _ ctx: inout ZapContext) throws {
        peer.windows = [:]  // The bug: nothing was ever accepted before.
        try peer.receive(message, from: sender, &ctx)
    }
}
