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
        // begin exercise 1.1
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
        // begin exercise 1.1
        var writer = WireWriter(capacity: ChaChaPoly.nonceLength)
        writer.writeFixed(epoch)
        writer.writeFixed(counter)
        return writer.bytes
        // end exercise 1.1
    }

    /// Exercise 1.1 — seal `payload` as `sender` (this node): a header with the current version, the group's
    /// tag, `sender`, `epoch` and `counter`; then `counter` moves on; then the encoded payload is sealed with
    /// ChaCha20-Poly1305 under `key(of: sender)`, with the nonce of (epoch, counter) and the header's bytes as
    /// associated data. The datagram is `ZapDatagram(header:sealed:)`.
    ///
    /// Tested by `zapszap.1.1-sealed-datagrams`: every datagram this node sends opens under its sender key with
    /// its own nonce and its header as associated data, and holds the payload it should.
    /// Hint: `ChaChaPoly.sealCombined(_:key:nonce:authenticating:)`.
    mutating func seal(_ payload: ZapPayload, as sender: NodeID) throws -> ZapDatagram {
        // begin exercise 1.1
        let header = DatagramHeader(groupTag: config.key.tag, sender: sender, epoch: epoch, counter: counter)
        counter += 1
        let sealed = try ChaChaPoly.sealCombined(payload.encoded(), key: key(of: sender),
                                                 nonce: try Self.nonce(epoch: header.epoch, counter: header.counter),
                                                 authenticating: header.encoded())
        return ZapDatagram(header: header, sealed: sealed)
        // end exercise 1.1
    }

    /// Exercise 2.1 — open a datagram, or throw the `DropReason` to refuse it for:
    /// - `.malformed`: no well-formed header (`datagram.split()` throws), another version than
    ///   `DatagramHeader.currentVersion`, another group tag than `config.key.tag`, or a payload that does not
    ///   decode once opened (decode it with `limits: ZapLimits.wireLimits`);
    /// - `.undecryptable`: the seal does not open under `key(of: header.sender)` with the header's nonce and
    ///   exact header bytes as associated data (any `CryptoError`: wrong key, changed bytes, cut short).
    ///
    /// Tested by `zapszap.2.1-refuse-forgeries`: each forged, cut, garbled or outsider datagram is refused once,
    /// for the right reason, and every genuine one is accepted. Never let an error other than `DropReason`
    /// escape for bad bytes: the node would crash. Hint: `ChaChaPoly.openCombined`.
    mutating func open(_ datagram: ZapDatagram) throws -> (header: DatagramHeader, payload: ZapPayload) {
        // begin exercise 2.1
        guard let parts = try? datagram.split(), parts.header.version == DatagramHeader.currentVersion,
              parts.header.groupTag == config.key.tag else {
            throw DropReason.malformed
        }
        let header = parts.header
        let nonce = try Self.nonce(epoch: header.epoch, counter: header.counter)
        let plaintext: [UInt8]
        do {
            plaintext = try ChaChaPoly.openCombined(parts.sealed, key: key(of: header.sender), nonce: nonce, authenticating: parts.headerBytes)
        } catch {
            throw DropReason.undecryptable
        }
        guard let payload = try? ZapPayload.decode(plaintext, limits: ZapLimits.wireLimits) else { throw DropReason.malformed }
        return (header, payload)
        // end exercise 2.1
    }

    /// The key `sender` seals with, derived once and then remembered.
    mutating func key(of sender: NodeID) -> [UInt8] {
        if let key = senderKeys[sender] { return key }
        let key = config.key.senderKey(for: sender)
        senderKeys[sender] = key
        return key
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
