import ZapsZapKit

/// Mutant: a member whose replay windows never refuse a counter as too old: it keeps no highest counter, so a
/// never-seen counter far below the newest is accepted (and nothing is ever pruned). The scenarios that must
/// catch it are listed in `ZapsZapMutants`.
public struct EndlessWindowPeer: PassThroughPeer {
    public var peer: ChatPeer

    public init(config: ZapConfig) { peer = ChatPeer(config: config) }

    public mutating func receive(_ message: ZapDatagram, from sender: NodeID, _ ctx: inout ZapContext) throws {
        for name in peer.windows.keys { peer.windows[name]?.highest = nil }  // The bug: no lower bound.
        try peer.receive(message, from: sender, &ctx)
    }
}
