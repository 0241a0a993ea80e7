import ZapsZapKit

/// Mutant: a member that, once it has heard from someone, shows them online for ever: its presence check never
/// times anyone out (only a goodbye takes them offline). The scenarios that must catch it are listed in
/// `ZapsZapMutants`.
public struct EverOnlinePeer: PassThroughPeer {
    public var peer: ChatPeer

    public init(config: ZapConfig) { peer = ChatPeer(config: config) }

    public mutating func timerFired(_ timer: TimerID, _ ctx: inout ZapContext) throws {
        // The bug: everyone ever heard counts as heard just now.
        for name in peer.members.keys where peer.members[name]?.lastHeard != nil { peer.members[name]?.lastHeard = ctx.now }
        try peer.timerFired(timer, &ctx)
    }
}
