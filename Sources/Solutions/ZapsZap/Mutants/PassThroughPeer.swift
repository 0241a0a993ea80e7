import ZapsZapKit

/// What every zapszap mutant shares: it wraps the reference `ChatPeer` and passes every call on to it, save the
/// one its bug changes (a mutant declares only that one).
public protocol PassThroughPeer: ChatPeerNode {
    /// The reference member doing the work.
    var peer: ChatPeer { get set }
}

extension PassThroughPeer {
    public static func seal(_ plaintext: [UInt8], header: DatagramHeader, key: GroupKey) throws -> ZapDatagram {
        try ChatPeer.seal(plaintext, header: header, key: key)
    }
    public static func open(_ datagram: ZapDatagram, key: GroupKey) throws -> (header: DatagramHeader, payload: ZapPayload) {
        try ChatPeer.open(datagram, key: key)
    }

    public var orderedHistory: [ChatMessage] { peer.orderedHistory }
    public var lamportTime: UInt64 { peer.lamportTime }
    public var rejections: DropCounts { peer.rejections }
    public var rememberedCounters: Int { peer.rememberedCounters }

    public mutating func start(_ ctx: inout ZapContext) throws { try peer.start(&ctx) }
    public mutating func receive(_ message: ZapDatagram, from sender: NodeID, _ ctx: inout ZapContext) throws {
        try peer.receive(message, from: sender, &ctx)
    }
    public mutating func timerFired(_ timer: TimerID, _ ctx: inout ZapContext) throws { try peer.timerFired(timer, &ctx) }
    public mutating func command(_ command: ZapCommand, _ ctx: inout ZapContext) throws { try peer.command(command, &ctx) }
}
