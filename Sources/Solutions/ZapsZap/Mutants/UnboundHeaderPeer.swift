import ZapsZapKit

/// Mutant: a member that seals without associated data, so anyone can change a datagram's header — its
/// counter, its sender — and the datagram still opens. The graded suite must catch it (`zapszap.1.1-sealed-datagrams`).
public struct UnboundHeaderPeer: PassThroughPeer {
    public var peer: ChatPeer

    /// Wraps the reference member.
    public init(config: ZapConfig) { peer = ChatPeer(config: config) }
    public static func seal(_ plaintext: [UInt8], header: DatagramHeader, key: GroupKey) throws -> ZapDatagram {
        let nonce = try ChatPeer.nonce(epoch: header.epoch, counter: header.counter)
        // The bug: the header is not the associated data.
        return ZapDatagram(header: header, sealed: try ChaChaPoly.sealCombined(plaintext, key: key.senderKey(for: header.sender), nonce: nonce))
    }
}
