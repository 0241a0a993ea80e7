import ZapsZapKit

/// Mutant: a member that leaves by going quiet, without a goodbye, so the others show it offline only when it
/// times out. The scenarios that must catch it are listed in `ZapsZapMutants`.
public struct SilentLeavePeer: PassThroughPeer {
    public var peer: ChatPeer

    public init(config: ZapConfig) { peer = ChatPeer(config: config) }

    public mutating func command(_ command: ZapCommand, _ ctx: inout ZapContext) throws {
        guard command == .leave, !peer.left else { return try peer.command(command, &ctx) }
        peer.left = true  // The bug: no goodbye.
        for timer in [ChatPeer.greetTimer, ChatPeer.syncTimer, ChatPeer.presenceTimer] { ctx.cancelTimer(timer) }
    }
}
