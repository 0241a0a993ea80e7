import ZapsZapKit

/// Mutant: a member whose clock takes the max of its own time and a received timestamp but does not add 1:
/// receiving is not counted as an event (`time = max(time, timestamp)`). Its messages still sort after what it
/// saw, but one stamp too low. The scenarios that must catch it are listed in `ZapsZapMutants`.
public struct UntickedReceivePeer: PassThroughPeer {
    public var peer: ChatPeer

    public init(config: ZapConfig) { peer = ChatPeer(config: config) }

    public mutating func receive(_ message: ZapDatagram, from sender: NodeID, _ ctx: inout ZapContext) throws {
        let before = peer.clock.time
        try peer.receive(message, from: sender, &ctx)
        if peer.clock.time > before { peer.clock.time -= 1 }  // The bug: no + 1 for the receive.
    }
}
