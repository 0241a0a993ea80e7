import ZapsZapKit

/// Mutant: a member whose version vector holds each sender's highest sequence number instead of the highest
/// one below which nothing is missing, so a message lost before a later one arrived is never asked for again:
/// anti-entropy never repairs old gaps. The graded suite must catch it (`zapszap.5.2-*`).
public struct GapBlindPeer: ChatPeerNode {
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
        try peer.start(&ctx)
        claimEverything()
    }
    public mutating func receive(_ message: ZapDatagram, from sender: NodeID, _ ctx: inout ZapContext) throws {
        try peer.receive(message, from: sender, &ctx)
        claimEverything()
    }
    public mutating func timerFired(_ timer: TimerID, _ ctx: inout ZapContext) throws { try peer.timerFired(timer, &ctx) }
    public mutating func command(_ command: ZapCommand, _ ctx: inout ZapContext) throws { try peer.command(command, &ctx) }

    /// The bug: the version vector claims every message up to the highest one held.
    private mutating func claimEverything() {
        for (sender, seq) in peer.history.highest { peer.history.contiguous[sender] = seq }
    }
}
