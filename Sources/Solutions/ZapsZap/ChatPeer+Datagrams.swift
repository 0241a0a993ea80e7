import ZapsZapKit

extension ChatPeer {
    /// Exercise 1.1 — start a new epoch: read the epoch stored under `Self.epochKey` (none: 0), add one,
    /// store the new value with `ctx.persist` *before* sealing anything, and restart `counter` at 0.
    ///
    /// Why: the nonce is (epoch, counter). A restarted node has forgotten its counter; a fresh epoch, saved
    /// before use, makes sure it never seals two datagrams with the same nonce, even if it crashes right after.
    /// Tested by `zapszap.1.1-sealed-datagrams`: across two restarts no nonce repeats and each start uses a
    /// higher epoch. Hint: `UInt32.decode(bytes)` and `epoch.encoded()`.
    mutating func beginEpoch(_ ctx: inout ZapContext) throws {
        try Exercise.begin("1.1")
        let previous = ctx.storage[Self.epochKey].flatMap { try? UInt32.decode($0) } ?? 0
        epoch = previous + 1
        counter = 0
        ctx.persist(epoch.encoded(), forKey: Self.epochKey)
        // end exercise 1.1
    }

    /// Exercise 1.1 — the 12-byte nonce of a datagram: `epoch` as 4 bytes then `counter` as 8 bytes, both
    /// big-endian. Every member builds it the same way, or nobody opens anybody's datagrams.
    ///
    /// Tested by `zapszap.1.1-sealed-datagrams`. Hint: `WireWriter.writeFixed` writes big-endian integers.
    static func nonce(epoch: UInt32, counter: UInt64) throws -> [UInt8] {
        try Exercise.begin("1.1")
        var writer = WireWriter(capacity: ChaChaPoly.nonceLength)
        writer.writeFixed(epoch)
        writer.writeFixed(counter)
        return writer.bytes
        // end exercise 1.1
    }

    /// Exercise 1.1 — seal `plaintext` as `header.sender` under `header`: ChaCha20-Poly1305 under
    /// `key.senderKey(for: header.sender)`, with the nonce of the header's (epoch, counter) and the header's bytes
    /// (`header.encoded()`) as associated data. The datagram is `ZapDatagram(header:sealed:)`.
    ///
    /// Written once, used everywhere: the member seals all it sends with it (`seal(_:as:)`, below), and from
    /// exercise 2.2 on the graders seal with it every datagram their probes send your member.
    /// Tested by `zapszap.1.1-sealed-datagrams`: for recorded headers and payloads it must give exactly the
    /// recorded datagrams, byte for byte; when it does not, the failure says which usual mistake the bytes match
    /// (no associated data, the group secret as key, a little-endian nonce, the counter off by one).
    /// Hint: `ChaChaPoly.sealCombined(_:key:nonce:authenticating:)` gives ciphertext ‖ tag.
    public static func seal(_ plaintext: [UInt8], header: DatagramHeader, key: GroupKey) throws -> ZapDatagram {
        try Exercise.begin("1.1")
        let nonce = try nonce(epoch: header.epoch, counter: header.counter)
        let sealed = try ChaChaPoly.sealCombined(plaintext, key: key.senderKey(for: header.sender), nonce: nonce,
                                                 authenticating: header.encoded())
        return ZapDatagram(header: header, sealed: sealed)
        // end exercise 1.1
    }

    /// Exercise 1.1 — seal `payload` as `sender` (this node): a header with the current version, the group's
    /// tag, `sender`, `epoch` and `counter`; then `counter` moves on; then the encoded payload is sealed under
    /// that header with `Self.seal(_:header:key:)` and `config.key`.
    ///
    /// Tested by `zapszap.1.1-sealed-datagrams`: every datagram this node sends is exactly what `Self.seal` gives
    /// for its header and the payload it should hold; each start seals from counter 0 in a new epoch.
    mutating func seal(_ payload: ZapPayload, as sender: NodeID) throws -> ZapDatagram {
        try Exercise.begin("1.1")
        let header = DatagramHeader(groupTag: config.key.tag, sender: sender, epoch: epoch, counter: counter)
        counter += 1
        return try Self.seal(payload.encoded(), header: header, key: config.key)
        // end exercise 1.1
    }

    /// Exercise 2.1 — open a datagram of the group of `key`, or throw the `DropReason` to refuse it for:
    /// - `.malformed`: no well-formed header (`datagram.split()` throws), another version than
    ///   `DatagramHeader.currentVersion`, another group tag than `key.tag`, or a payload that does not decode
    ///   once opened (decode it with `limits: ZapLimits.wireLimits`);
    /// - `.undecryptable`: the seal does not open under `key.senderKey(for: header.sender)` with the header's
    ///   nonce and exact header bytes as associated data (any `CryptoError`: wrong key, changed bytes, cut short).
    ///
    /// The given `receive` opens every datagram with it (then checks replays, your 2.2), and from exercise 2.2
    /// on the graders open with it every datagram your member sends, to read what it said.
    /// Tested by `zapszap.2.1-refuse-forgeries`: recorded genuine datagrams must open to their recorded header
    /// and payload; recorded forgeries (outsider, other group, version 2, payloads that do not decode, the usual
    /// sealing mistakes) and byte edits of genuine ones (flipped, cut, re-headed) must each be refused for the
    /// right reason, by this function and by a member, which counts them. Never let an error other than
    /// `DropReason` escape for bad bytes: the node would crash. Hint: `ChaChaPoly.openCombined`.
    public static func open(_ datagram: ZapDatagram, key: GroupKey) throws -> (header: DatagramHeader, payload: ZapPayload) {
        try Exercise.begin("2.1")
        guard let parts = try? datagram.split(), parts.header.version == DatagramHeader.currentVersion,
              parts.header.groupTag == key.tag else {
            throw DropReason.malformed
        }
        let header = parts.header
        let nonce = try nonce(epoch: header.epoch, counter: header.counter)
        let plaintext: [UInt8]
        do {
            plaintext = try ChaChaPoly.openCombined(parts.sealed, key: key.senderKey(for: header.sender), nonce: nonce,
                                                    authenticating: parts.headerBytes)
        } catch {
            throw DropReason.undecryptable
        }
        guard let payload = try? ZapPayload.decode(plaintext, limits: ZapLimits.wireLimits) else { throw DropReason.malformed }
        return (header, payload)
        // end exercise 2.1
    }

    /// Seals `payload` and sends it to `peer`.
    mutating func send(_ payload: ZapPayload, to peer: NodeID, _ ctx: inout ZapContext) throws {
        ctx.send(try seal(payload, as: ctx.id), to: peer)
    }

    /// Seals `payload` once and sends that datagram to every member and configured peer.
    mutating func broadcast(_ payload: ZapPayload, _ ctx: inout ZapContext) throws {
        let targets = Set(members.keys).union(greetees(ctx.id)).sorted()
        guard !targets.isEmpty else { return }
        let datagram = try seal(payload, as: ctx.id)
        for peer in targets { ctx.send(datagram, to: peer) }
    }

    /// The configured peers other than this node.
    func greetees(_ me: NodeID) -> [NodeID] {
        config.peers.filter { $0 != me }
    }
}
