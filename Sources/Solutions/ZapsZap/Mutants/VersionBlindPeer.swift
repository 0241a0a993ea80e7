import ZapsZapKit

/// Mutant: a member that opens datagrams of any protocol version, so a datagram of a version it does not speak
/// is read as if it were its own. The graded suite must catch it (`zapszap.2.1-refuse-forgeries`).
public struct VersionBlindPeer: PassThroughPeer {
    public var peer: ChatPeer

    /// Wraps the reference member.
    public init(config: ZapConfig) { peer = ChatPeer(config: config) }
    public static func open(_ datagram: ZapDatagram, key: GroupKey) throws -> (header: DatagramHeader, payload: ZapPayload) {
        // The bug: the version is never looked at.
        guard let (header, headerBytes, sealed) = try? datagram.split(), header.groupTag == key.tag else { throw DropReason.malformed }
        let plaintext: [UInt8]
        do {
            plaintext = try ChaChaPoly.openCombined(sealed, key: key.senderKey(for: header.sender),
                                                    nonce: try ChatPeer.nonce(epoch: header.epoch, counter: header.counter),
                                                    authenticating: headerBytes)
        } catch {
            throw DropReason.undecryptable
        }
        guard let payload = try? ZapPayload.decode(plaintext, limits: ZapLimits.wireLimits) else { throw DropReason.malformed }
        return (header, payload)
    }
}
