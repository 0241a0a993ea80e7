import ZapsZapKit

/// Mutant: a member that does not keep its epoch across restarts, so after a restart it counts nonces from
/// (1, 0) again and seals new datagrams with nonces it already used. The graded suite must catch it
/// (`zapszap.1.1-sealed-datagrams`, `zapszap.5.2-chaos`).
public struct ForgetfulEpochPeer: ChatPeerNode {
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

    public mutating func start(_ ctx: inout ZapContext) throws {
        ctx.persist(nil, forKey: ChatPeer.epochKey)  // The bug: every start is epoch 1.
        try peer.start(&ctx)
    }
    public mutating func receive(_ message: ZapDatagram, from sender: NodeID, _ ctx: inout ZapContext) throws {
        try peer.receive(message, from: sender, &ctx)
    }
    public mutating func timerFired(_ timer: TimerID, _ ctx: inout ZapContext) throws { try peer.timerFired(timer, &ctx) }
    public mutating func command(_ command: ZapCommand, _ ctx: inout ZapContext) throws { try peer.command(command, &ctx) }
}
