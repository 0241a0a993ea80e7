import ZapsZapKit

/// Mutant: a member whose Lamport clock moves on by one for each arrival instead of jumping to
/// `max(local, received) + 1`, so its messages can sort before messages it had already seen (a reply before
/// what it answers). The graded suite must catch it (`zapszap.3.1-causal-order`, `zapszap.3.2-order-and-dedup`).
public struct LaggingClockPeer: ChatPeerNode {
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
        let before = peer.clock.time
        try peer.receive(message, from: sender, &ctx)
        if peer.clock.time > before { peer.clock.time = before + 1 }  // The bug: the received time is ignored.
    }
    public mutating func timerFired(_ timer: TimerID, _ ctx: inout ZapContext) throws { try peer.timerFired(timer, &ctx) }
    public mutating func command(_ command: ZapCommand, _ ctx: inout ZapContext) throws { try peer.command(command, &ctx) }
}
