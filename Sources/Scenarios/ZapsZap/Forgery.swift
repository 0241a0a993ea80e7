import ZapsZapKit

/// A datagram a correct member refuses, why, and who sends it: a recorded forgery, a recorded sealing mistake,
/// or a byte edit of a recorded genuine datagram (flipped, cut, re-headed), which needs no cipher to make.
struct Forgery {
    /// The network's sender (a grader-owned node).
    var from: NodeID
    var datagram: ZapDatagram
    var reason: DropReason
    /// What it is, for failure messages.
    var what: String

    /// How many kinds of forgery ``make(_:_:)`` makes.
    static let kinds = 15

    /// Every recorded forgery and every recorded sealing mistake, as a member receives them.
    static var recorded: [Forgery] {
        DatagramVectors.forged.map { vector in
            Forgery(from: vector.header.sender == "outsider" ? "outsider" : "probe-1", datagram: vector.datagram,
                    reason: vector.reason, what: vector.what)
        }
        + DatagramVectors.sealed.flatMap { vector in
            SealMistake.allCases.map { mistake in
                Forgery(from: "attacker", datagram: vector.mistakes[mistake]!, reason: .undecryptable,
                        what: "\(mistake) (\(vector.what))")
            }
        }
    }

    /// Forgery number `kind`, edited at random places of a recorded datagram picked at random.
    static func make(_ kind: Int, _ random: inout SeededRandom) -> Forgery {
        let genuine = DatagramVectors.sealed[Int.random(in: 0..<DatagramVectors.sealed.count, using: &random)]
        let bytes = genuine.datagram.bytes, headerLength = genuine.header.encoded().count
        func flip(in range: Range<Int>) -> [UInt8] {
            var bytes = bytes
            bytes[Int.random(in: range, using: &random)] ^= UInt8.random(in: 1...255, using: &random)
            return bytes
        }
        func reheaded(_ change: (inout DatagramHeader) -> Void) -> ZapDatagram {
            var header = genuine.header
            change(&header)
            return ZapDatagram(header: header, sealed: Array(bytes[headerLength...]))
        }
        func pick(_ vectors: [ForgedVector]) -> Forgery {
            let vector = vectors[Int.random(in: 0..<vectors.count, using: &random)]
            return Forgery(from: "probe-1", datagram: vector.datagram, reason: vector.reason, what: vector.what)
        }
        let recorded = DatagramVectors.forged
        switch kind {
        case 0:
            let outsider = recorded.first { $0.key != DatagramVectors.key && $0.header.groupTag == DatagramVectors.key.tag }!
            return Forgery(from: "outsider", datagram: outsider.datagram, reason: outsider.reason, what: outsider.what)
        case 1:
            return Forgery(from: "attacker", datagram: ZapDatagram(bytes: flip(in: headerLength..<(bytes.count - 16))), reason: .undecryptable,
                           what: "\(genuine.what), with a ciphertext byte flipped")
        case 2:
            return Forgery(from: "attacker", datagram: ZapDatagram(bytes: flip(in: (bytes.count - 16)..<bytes.count)), reason: .undecryptable,
                           what: "\(genuine.what), with a tag byte flipped")
        case 3:
            let shift = UInt64.random(in: 1...1_000, using: &random), epochToo = random.chance(0.3)
            return Forgery(from: "attacker", datagram: reheaded { header in
                header.counter &+= shift
                if epochToo { header.epoch &+= 1 }
            }, reason: .undecryptable, what: "\(genuine.what), whose header's counter\(epochToo ? " and epoch were" : " was") changed")
        case 4:
            return Forgery(from: "attacker", datagram: reheaded { $0.sender = "probe-2" }, reason: .undecryptable,
                           what: "\(genuine.what), whose header's sender was changed to probe-2")
        case 5:
            let keep = Int.random(in: headerLength..<(bytes.count - 1), using: &random)
            return Forgery(from: "attacker", datagram: ZapDatagram(bytes: Array(bytes[..<keep])), reason: .undecryptable,
                           what: "\(genuine.what), cut to \(keep) of its \(bytes.count) bytes, after the header")
        case 6:
            let keep = Int.random(in: 1..<headerLength, using: &random)
            return Forgery(from: "attacker", datagram: ZapDatagram(bytes: Array(bytes[..<keep])), reason: .malformed,
                           what: "\(genuine.what), cut to \(keep) bytes, inside its header")
        case 7:
            var noise = (0..<Int.random(in: 1...80, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            if noise[0] == DatagramHeader.currentVersion { noise[0] = 0x7F }
            return Forgery(from: "attacker", datagram: ZapDatagram(bytes: noise), reason: .malformed, what: "of \(noise.count) random bytes")
        case 8:
            return Forgery(from: "attacker", datagram: ZapDatagram(bytes: []), reason: .malformed, what: "of no bytes at all")
        case 9:
            return pick(recorded.filter { $0.header.version != DatagramHeader.currentVersion })
        case 10:
            return pick(recorded.filter { $0.header.groupTag != DatagramVectors.key.tag })
        case 11:
            return pick(recorded.filter { $0.reason == .malformed && $0.header.version == DatagramHeader.currentVersion
                && $0.header.groupTag == DatagramVectors.key.tag })
        case 12:
            // Version and group tag (9 bytes), a 65-byte name, then the rest of a genuine header and its seal.
            let nameEnd = headerLength - 12, long = ZapLimits.maxNameBytes + 1
            let edited = Array(bytes[..<9]) + [UInt8(long)] + Array(repeating: UInt8(ascii: "m"), count: long) + Array(bytes[nameEnd...])
            return Forgery(from: "attacker", datagram: ZapDatagram(bytes: edited), reason: .malformed,
                           what: "whose header names a sender of \(long) bytes")
        case 13:
            var edited = bytes
            edited[Int.random(in: 1..<9, using: &random)] ^= UInt8.random(in: 1...255, using: &random)
            return Forgery(from: "attacker", datagram: ZapDatagram(bytes: edited), reason: .malformed,
                           what: "\(genuine.what), with a byte of its group tag flipped")
        default:
            let mistake = SealMistake.allCases[Int.random(in: 0..<SealMistake.allCases.count, using: &random)]
            return Forgery(from: "attacker", datagram: genuine.mistakes[mistake]!, reason: .undecryptable,
                           what: "\(mistake) (\(genuine.what))")
        }
    }

    /// Why a correct member refuses bytes nobody of the group sealed, found without opening anything (such bytes
    /// never open): malformed, unless they start with a header of this version and group; then undecryptable.
    static func reason(forUnsealed datagram: ZapDatagram, group: GroupKey) -> DropReason {
        guard let header = try? datagram.split().header else { return .malformed }
        let ours = header.version == DatagramHeader.currentVersion && header.groupTag == group.tag
        return ours ? .undecryptable : .malformed
    }
}
