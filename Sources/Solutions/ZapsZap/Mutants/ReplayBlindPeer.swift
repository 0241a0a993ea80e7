import ZapsZapKit

/// Mutant: a member without a replay window: it accepts a copy of a datagram it already accepted, so an
/// attacker can make it act on a captured datagram again. The graded suite must catch it (`zapszap.2.2-replays`).
public struct ReplayBlindPeer: ChatPeerNode {
    private var peer: ChatPeer

    /// Wraps the reference member.
    public init(config: ZapConfig) { peer = ChatPeer(config: config) }
    public static func seal(_ plaintext: [UInt8], header: DatagramHeader, key: GroupKey) throws -> ZapDatagram {
        try ChatPeer.seal(plaintext, header: header, key: key)
    }
    public static func open(_ datagram: ZapDatagram, key: GroupKey) throws -> (header: DatagramHeader, payload: ZapPayload) {
        try ChatPeer.open(datagram, key: key)
    }

    public var orderedHistory: [ChatMessage] { peer.orderedHistory }
    public var lamportTime: UInt64 { peer.lamportTime }
    public var rejections: DropCounts { peer.rejections }

    public mutating func start(_ ctx: inout ZapContext) throws { try peer.start(&ctx) }
    public mutating func receive(_ message: ZapDatagram, from sender: NodeID, _ ctx: inout ZapContext) throws {
        peer.windows = [:]  // The bug: nothing was ever accepted before.
        try peer.receive(message, from: sender, &ctx)
    }
    public mutating func timerFired(_ timer: TimerID, _ ctx: inout ZapContext) throws { try peer.timerFired(timer, &ctx) }
    public mutating func command(_ command: ZapCommand, _ ctx: inout ZapContext) throws { try peer.command(command, &ctx) }
}
