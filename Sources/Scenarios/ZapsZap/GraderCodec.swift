import ZapsZapKit

/// The grader's own implementation of the datagram format as the contract documents it, written apart from
/// any student's: probes seal with it, and the checks open every datagram a member sends with it.
struct GraderCodec: Sendable {
    /// What a datagram turned out to be.
    struct Opened {
        var header: DatagramHeader
        var payload: ZapPayload
    }

    let key: GroupKey

    /// `epoch` (4 bytes) then `counter` (8 bytes), big-endian.
    static func nonce(epoch: UInt32, counter: UInt64) -> [UInt8] {
        var writer = WireWriter(capacity: ChaChaPoly.nonceLength)
        writer.writeFixed(epoch)
        writer.writeFixed(counter)
        return writer.bytes
    }

    /// `payload` sealed as `sender` with nonce (`epoch`, `counter`).
    func seal(_ payload: ZapPayload, as sender: NodeID, epoch: UInt32, counter: UInt64) -> ZapDatagram {
        seal(plaintext: payload.encoded(), header: DatagramHeader(groupTag: key.tag, sender: sender, epoch: epoch, counter: counter))
    }

    /// Any plaintext sealed under any header (a grader forging odd datagrams).
    func seal(plaintext: [UInt8], header: DatagramHeader) -> ZapDatagram {
        let nonce = Self.nonce(epoch: header.epoch, counter: header.counter)
        guard let sealed = try? ChaChaPoly.sealCombined(plaintext, key: key.senderKey(for: header.sender), nonce: nonce,
                                                        authenticating: header.encoded()) else {
            preconditionFailure("a 32-byte key and a 12-byte nonce always seal")
        }
        return ZapDatagram(header: header, sealed: sealed)
    }

    /// Opens `datagram` as a correct member does, or says why such a member refuses it (replays aside).
    func open(_ datagram: ZapDatagram) -> Result<Opened, DropReason> {
        guard let parts = try? datagram.split(), parts.header.version == DatagramHeader.currentVersion,
              parts.header.groupTag == key.tag else { return .failure(.malformed) }
        let nonce = Self.nonce(epoch: parts.header.epoch, counter: parts.header.counter)
        guard let plaintext = try? ChaChaPoly.openCombined(parts.sealed, key: key.senderKey(for: parts.header.sender),
                                                           nonce: nonce, authenticating: parts.headerBytes) else {
            return .failure(.undecryptable)
        }
        guard let payload = try? ZapPayload.decode(plaintext, limits: ZapLimits.wireLimits) else { return .failure(.malformed) }
        return .success(Opened(header: parts.header, payload: payload))
    }

    /// The payload of a datagram that opens, `nil` otherwise.
    func payload(of datagram: ZapDatagram) -> ZapPayload? {
        if case let .success(opened) = open(datagram) { opened.payload } else { nil }
    }

    /// Why a member's datagram does not open, guessed by trying the usual mistakes: for a failure message.
    func diagnose(_ datagram: ZapDatagram) -> String {
        guard let parts = try? datagram.split() else { return "its header does not parse (see DatagramHeader's wire form)" }
        let header = parts.header
        if header.version != DatagramHeader.currentVersion { return "its header says version \(header.version), not \(DatagramHeader.currentVersion)" }
        if header.groupTag != key.tag { return "its group tag is \(header.groupTag.hex), not the group's \(key.tag.hex)" }
        let nonce = Self.nonce(epoch: header.epoch, counter: header.counter)
        let senderKey = key.senderKey(for: header.sender)
        func opens(key: [UInt8], nonce: [UInt8], aad: [UInt8]) -> Bool {
            (try? ChaChaPoly.openCombined(parts.sealed, key: key, nonce: nonce, authenticating: aad)) != nil
        }
        if opens(key: senderKey, nonce: nonce, aad: []) { return "it opens only without associated data: seal with the header's bytes as associated data" }
        if opens(key: key.secret, nonce: nonce, aad: parts.headerBytes) { return "it was sealed with the group secret: seal with key.senderKey(for: sender)" }
        let littleEndian = withUnsafeBytes(of: header.epoch.littleEndian, Array.init) + withUnsafeBytes(of: header.counter.littleEndian, Array.init)
        if opens(key: senderKey, nonce: littleEndian, aad: parts.headerBytes) { return "its nonce bytes are little-endian: write epoch and counter big-endian" }
        for counter in [header.counter &+ 1, header.counter &- 1] where opens(key: senderKey, nonce: Self.nonce(epoch: header.epoch, counter: counter), aad: parts.headerBytes) {
            return "it was sealed with counter \(counter), not the \(header.counter) its header says"
        }
        return "it does not open under \(header.sender)'s key with nonce (epoch \(header.epoch), counter \(header.counter)) and its header as associated data"
    }
}
