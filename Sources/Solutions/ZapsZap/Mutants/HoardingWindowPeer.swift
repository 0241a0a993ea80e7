import ZapsZapKit

/// Mutant: a member whose replay windows refuse everything they should but never forget a counter, so their
/// memory grows with every datagram a sender ever sent. The scenarios that must catch it are listed in
/// `ZapsZapMutants`.
public struct HoardingWindowPeer: PassThroughPeer {
    public var peer: ChatPeer
    /// Every counter each sender's window accepted in its current epoch.
    var hoard: [NodeID: (epoch: UInt32, counters: Set<UInt64>)] = [:]

    public init(config: ZapConfig) { peer = ChatPeer(config: config) }

    public mutating func receive(_ message: ZapDatagram, from sender: NodeID, _ ctx: inout ZapContext) throws {
        try peer.receive(message, from: sender, &ctx)
        for (name, window) in peer.windows {
            var kept = hoard[name].flatMap { $0.epoch == window.epoch ? $0.counters : nil } ?? []
            kept.formUnion(window.seen)
            hoard[name] = (window.epoch, kept)
            peer.windows[name]?.seen = kept  // The bug: nothing is ever pruned.
        }
    }
}
