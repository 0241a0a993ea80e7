import LabKit
import Scenarios
import ZapsZapKit
import ZapsZapSolution

/// The reference member with one usual mistake in its static seal, chosen by ``mistake`` for the task that
/// runs it: what a student who made that mistake hands in.
struct MistakenPeer: ChatPeerNode {
    /// The mistake the seal makes.
    @TaskLocal static var mistake = SealMistake.noAssociatedData

    private var peer: ChatPeer

    init(config: ZapConfig) { peer = ChatPeer(config: config) }
    static func seal(_ plaintext: [UInt8], header: DatagramHeader, key: GroupKey) throws -> ZapDatagram {
        try ContractSeal.seal(plaintext, header: header, key: key, mistake: mistake)
    }
    static func open(_ datagram: ZapDatagram, key: GroupKey) throws -> (header: DatagramHeader, payload: ZapPayload) {
        try ChatPeer.open(datagram, key: key)
    }

    var orderedHistory: [ChatMessage] { peer.orderedHistory }
    var lamportTime: UInt64 { peer.lamportTime }
    var rejections: DropCounts { peer.rejections }
    var rememberedCounters: Int { peer.rememberedCounters }

    mutating func start(_ ctx: inout ZapContext) throws { try peer.start(&ctx) }
    mutating func receive(_ message: ZapDatagram, from sender: NodeID, _ ctx: inout ZapContext) throws {
        try peer.receive(message, from: sender, &ctx)
    }
    mutating func timerFired(_ timer: TimerID, _ ctx: inout ZapContext) throws { try peer.timerFired(timer, &ctx) }
    mutating func command(_ command: ZapCommand, _ ctx: inout ZapContext) throws { try peer.command(command, &ctx) }
}
