import ZapsZapKit

/// Mutant: a member that never recognizes a message it already holds, so a copy (resent, or in a page) is
/// shown and stored again. The graded suite must catch it (`zapszap.3.*`, `zapszap.5.2-*`).
public struct DuplicatingPeer: PassThroughPeer {
    public var peer: ChatPeer

    /// Wraps the reference member.
    public init(config: ZapConfig) { peer = ChatPeer(config: config) }

    public mutating func receive(_ message: ZapDatagram, from sender: NodeID, _ ctx: inout ZapContext) throws {
        peer.history.ids = []  // The bug: every message looks new.
        try peer.receive(message, from: sender, &ctx)
    }
}
