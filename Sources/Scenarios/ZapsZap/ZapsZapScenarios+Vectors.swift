import ZapsZapKit

extension ZapsZapScenarios {
    /// Exercise 1.1 against the recorded vectors: `Peer.seal` must give each recorded datagram, byte for byte;
    /// when it does not, the failure says which usual mistake its bytes match.
    static func checkSealVectors<Peer: ChatPeerNode>(_ codec: MemberCodec<Peer>) throws(ScenarioFailure) {
        for vector in DatagramVectors.sealed {
            let sealed = try codec.seal(vector.payload, header: vector.header)
            guard sealed != vector.datagram else { continue }
            throw ScenarioFailure(.wrong(
                expected: "seal(_:header:key:) of \(vector.payload) under the header \(vector.header) (\(vector.what)) to give the recorded datagram, \(sketch(vector.datagram))",
                observed: "\(sketch(sealed)): \(diagnose(sealed, against: vector))"))
        }
    }

    /// Why `sealed` is not the datagram `vector` records: the usual mistake it matches, or what is off.
    static func diagnose(_ sealed: ZapDatagram, against vector: SealedVector) -> String {
        if let mistake = SealMistake.allCases.first(where: { vector.mistakes[$0] == sealed }) { return mistake.advice(for: vector.header) }
        let headerBytes = vector.header.encoded(), wanted = vector.datagram.bytes, got = sealed.bytes
        guard got.starts(with: headerBytes) else {
            return "it does not start with the header's bytes (`header.encoded()`): the datagram is `ZapDatagram(header:sealed:)`"
        }
        guard got.count == wanted.count else {
            return "it is \(got.count) bytes, not \(wanted.count): the header, the ciphertext (as long as the encoded payload), then the 16-byte tag"
        }
        let first = zip(got, wanted).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? got.count
        if first >= got.count - 16 {
            return "its ciphertext is right but its tag is not: authenticate exactly the header's bytes, nothing else"
        }
        return "it differs from byte \(first) on and matches none of the usual mistakes: seal under `key.senderKey(for: header.sender)`, with nonce epoch ‖ counter (big-endian) and the header's bytes as associated data"
    }

    /// Exercise 2.1 against the recorded vectors: `Peer.open` must open each recorded genuine datagram to its
    /// header and payload, and refuse for the right reason each recorded forgery and sealing mistake, and a byte
    /// edit of a genuine datagram of each kind (at places drawn from `random`).
    static func checkOpenVectors<Peer: ChatPeerNode>(_ codec: MemberCodec<Peer>, _ random: inout SeededRandom) throws(ScenarioFailure) {
        for vector in DatagramVectors.sealed {
            switch try codec.open(vector.datagram) {
            case let .success(opened):
                try expect(opened.header == vector.header && opened.payload == vector.payload,
                           "open(_:key:) of the recorded datagram (\(vector.what)) to give the header \(vector.header) and \(vector.payload)",
                           observed: "the header \(opened.header) and \(opened.payload)")
            case let .failure(reason):
                throw ScenarioFailure(.wrong(expected: "open(_:key:) to open the recorded genuine datagram (\(vector.what)), \(sketch(vector.datagram))",
                                             observed: "it refused it as \(reason)"))
            }
        }
        for forgery in Forgery.recorded + (0..<Forgery.kinds).map({ Forgery.make($0, &random) }) {
            let expected = "open(_:key:) to refuse the datagram \(forgery.what) as \(forgery.reason)"
            switch try codec.open(forgery.datagram) {
            case let .success(opened):
                throw ScenarioFailure(.wrong(expected: expected, observed: "it opened it: the header \(opened.header) and \(opened.payload)"))
            case let .failure(reason):
                try expect(reason == forgery.reason, expected, observed: "refused as \(reason)")
            }
        }
    }

    /// `43 bytes 01a1b2…`: a datagram's length and its first bytes in hex, for failure messages.
    static func sketch(_ datagram: ZapDatagram) -> String {
        "\(datagram.bytes.count) bytes \(Array(datagram.bytes.prefix(48)).hex)\(datagram.bytes.count > 48 ? "…" : "")"
    }
}
