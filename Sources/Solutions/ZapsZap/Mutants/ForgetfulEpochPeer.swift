import ZapsZapKit

/// Mutant: a member that does not keep its epoch across restarts, so after a restart it counts nonces from
/// (1, 0) again and seals new datagrams with nonces it already used. The graded suite must catch it
/// (`zapszap.1.1-sealed-datagrams`, `zapszap.5.2-chaos`).
public struct ForgetfulEpochPeer: PassThroughPeer {
    public var peer: ChatPeer

    /// Wraps the reference member.
    public init(config: ZapConfig) { peer = ChatPeer(config: config) }

    public mutating func start(_ ctx: inout ZapContext) throws {
        ctx.persist(nil, forKey: ChatPeer.epochKey)  // The bug: every start is epoch 1.
        try peer.start(&ctx)
    }
}
