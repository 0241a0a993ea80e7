import ZapsZapKit

/// A grader-owned member's sending side: it seals payloads with fresh nonces, as an honest member does,
/// so that probes talk to the node under test without any of the student's code.
struct ProbeSender {
    let name: NodeID
    let codec: GraderCodec
    var epoch: UInt32 = 1
    var counter: UInt64 = 0

    init(_ name: NodeID, codec: GraderCodec) {
        self.name = name
        self.codec = codec
    }

    /// `payload` sealed with the next nonce.
    mutating func seal(_ payload: ZapPayload) -> ZapDatagram {
        defer { counter += 1 }
        return codec.seal(payload, as: name, epoch: epoch, counter: counter)
    }

    /// The header of the next datagram, consuming its nonce.
    mutating func nextHeader() -> DatagramHeader {
        defer { counter += 1 }
        return DatagramHeader(groupTag: codec.key.tag, sender: name, epoch: epoch, counter: counter)
    }

    /// As if the probe restarted: a new epoch, the counter from 0.
    mutating func restart() {
        epoch += 1
        counter = 0
    }
}
