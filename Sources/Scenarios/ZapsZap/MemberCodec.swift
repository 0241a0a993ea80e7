import ZapsZapKit

/// The datagram format as the implementation under test writes it — its own static `seal` and `open`
/// (exercises 1.1 and 2.1, graded first against ``DatagramVectors``) — called the way graders need: probes seal
/// with it what they send a member, and checks open with it what members send. The graders have no other.
struct MemberCodec<Peer: ChatPeerNode>: Sendable {
    /// What an opened datagram holds.
    typealias Opened = (header: DatagramHeader, payload: ZapPayload)

    /// The group's key.
    let key: GroupKey

    /// `payload` sealed as `sender` with nonce (`epoch`, `counter`) by `Peer.seal`.
    func seal(_ payload: ZapPayload, as sender: NodeID, epoch: UInt32, counter: UInt64) throws(ScenarioFailure) -> ZapDatagram {
        try seal(payload, header: DatagramHeader(groupTag: key.tag, sender: sender, epoch: epoch, counter: counter))
    }

    /// `payload` sealed under `header` by `Peer.seal`.
    func seal(_ payload: ZapPayload, header: DatagramHeader) throws(ScenarioFailure) -> ZapDatagram {
        do {
            return try Peer.seal(payload.encoded(), header: header, key: key)
        } catch {
            throw Self.failure(error, expected: "seal(_:header:key:) of \(payload) under the header \(header) to return a datagram")
        }
    }

    /// What `Peer.open` makes of `datagram`: its header and payload, or the reason it refuses it.
    func open(_ datagram: ZapDatagram) throws(ScenarioFailure) -> Result<Opened, DropReason> {
        do {
            return .success(try Peer.open(datagram, key: key))
        } catch let reason as DropReason {
            return .failure(reason)
        } catch {
            throw Self.failure(error, expected: "open(_:key:) of \(datagram) to return its header and payload, or to refuse it by throwing a DropReason")
        }
    }

    /// The payload of `datagram` if `Peer.open` opens it, `nil` if it refuses it.
    func payload(of datagram: ZapDatagram) throws(ScenarioFailure) -> ZapPayload? {
        if case let .success(opened) = try open(datagram) { opened.payload } else { nil }
    }

    /// An error of the student's `seal` or `open` as a failure: an unfinished exercise stays "not implemented";
    /// anything else is what would crash a member (only a `DropReason` may leave `open`).
    private static func failure(_ error: any Error, expected: String) -> ScenarioFailure {
        if let missing = error as? NotImplemented { return ScenarioFailure(.notImplemented(exercise: missing.exercise)) }
        return ScenarioFailure(.wrong(expected: expected, observed: "it threw \(error), which would crash a member"))
    }
}
