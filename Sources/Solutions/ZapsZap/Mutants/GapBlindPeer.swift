import ZapsZapKit

/// Mutant: a member whose version vector holds each sender's highest sequence number instead of the highest
/// one below which nothing is missing, so a message lost before a later one arrived is never asked for again:
/// anti-entropy never repairs old gaps. The graded suite must catch it (`zapszap.5.2-*`).
public struct GapBlindPeer: PassThroughPeer {
    public var peer: ChatPeer

    /// Wraps the reference member.
    public init(config: ZapConfig) { peer = ChatPeer(config: config) }

    public mutating func start(_ ctx: inout ZapContext) throws {
        try peer.start(&ctx)
        claimEverything()
    }
    public mutating func receive(_ message: ZapDatagram, from sender: NodeID, _ ctx: inout ZapContext) throws {
        try peer.receive(message, from: sender, &ctx)
        claimEverything()
    }

    /// The bug: the version vector claims every message up to the highest one held.
    private mutating func claimEverything() {
        for (sender, seq) in peer.history.highest { peer.history.contiguous[sender] = seq }
    }
}
