import ZapsZapKit

/// Mutant: a member that seals without associated data, so anyone can change a datagram's header — its
/// counter, its sender — and the datagram still opens. The graded suite must catch it (`zapszap.1.1-sealed-datagrams`).
public struct UnboundHeaderPeer: ChatPeerNode {
    private var peer: ChatPeer

    /// Wraps the reference member.
    public init(config: ZapConfig) { peer = ChatPeer(config: config) }
    public static func seal(_ plaintext: [UInt8], header: DatagramHeader, key: GroupKey) throws -> ZapDatagram {
        let nonce = try ChatPeer.nonce(epoch: header.epoch, counter: header.counter)
        // The bug: the header is not the associated data.
        return ZapDatagram(header: header, sealed: try ChaChaPoly.sealCombined(plaintext, key: key.senderKey(for: header.sender), nonce: nonce))
    }
    public static func open(_ datagram: ZapDatagram, key: GroupKey) throws -> (header: DatagramHeader, payload: ZapPayload) {
        try ChatPeer.open(datagram, key: key)
    }

    public var orderedHistory: [ChatMessage] { peer.orderedHistory }
    public var lamportTime: UInt64 { peer.lamportTime }
    public var rejections: DropCounts { peer.rejections }

    public mutating func start(_ ctx: inout ZapContext) throws { try peer.start(&ctx) }
    public mutating func receive(_ message: ZapDatagram, from sender: NodeID, _ ctx: inout ZapContext) throws {
        try peer.receive(message, from: sender, &ctx)
    }
    public mutating func timerFired(_ timer: TimerID, _ ctx: inout ZapContext) throws { try peer.timerFired(timer, &ctx) }
    public mutating func command(_ command: ZapCommand, _ ctx: inout ZapContext) throws { try peer.command(command, &ctx) }
}
