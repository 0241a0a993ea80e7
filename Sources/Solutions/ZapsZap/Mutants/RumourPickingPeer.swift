import ZapsZapKit

/// Mutant: a member whose anti-entropy rounds pick among every name it knows of, names only rumoured (listed
/// by others) included: an insider's made-up names take most of its rounds. The scenarios that must catch it
/// are listed in `ZapsZapMutants`.
public struct RumourPickingPeer: PassThroughPeer {
    public var peer: ChatPeer

    public init(config: ZapConfig) { peer = ChatPeer(config: config) }

    public mutating func timerFired(_ timer: TimerID, _ ctx: inout ZapContext) throws {
        guard timer == ChatPeer.syncTimer else { return try peer.timerFired(timer, &ctx) }
        // The bug: for the round, every name counts as heard from directly.
        let direct = peer.members.mapValues(\.direct)
        for name in direct.keys { peer.members[name]?.direct = true }
        try peer.timerFired(timer, &ctx)
        for (name, heard) in direct { peer.members[name]?.direct = heard }
    }
}
