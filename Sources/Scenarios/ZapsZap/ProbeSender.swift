import ZapsZapKit

/// A grader-owned member's sending side: it seals payloads with fresh nonces, as an honest member does, with
/// the implementation's own `seal` (exercise 1.1, checked against recorded datagrams in step 1).
struct ProbeSender<Peer: ChatPeerNode> {
    let name: NodeID
    let codec: MemberCodec<Peer>
    var epoch: UInt32 = 1
    var counter: UInt64 = 0

    init(_ name: NodeID, codec: MemberCodec<Peer>) {
        self.name = name
        self.codec = codec
    }

    /// `payload` sealed with the next nonce.
    mutating func seal(_ payload: ZapPayload) throws(ScenarioFailure) -> ZapDatagram {
        defer { counter += 1 }
        return try codec.seal(payload, as: name, epoch: epoch, counter: counter)
    }

    /// As if the probe restarted: a new epoch, the counter from 0.
    mutating func restart() {
        (epoch, counter) = (epoch + 1, 0)
    }
}
