import LabKit
import Testing

private func bytes(_ hex: String) -> [UInt8] { RFC8439.bytes(hex) }

@Suite struct Poly1305Tests {
    struct MACVector: CustomTestStringConvertible {
        let name: String, key: [UInt8], message: [UInt8], tag: [UInt8]
        var testDescription: String { name }
        init(_ name: String, key: [UInt8], message: [UInt8], tag: [UInt8]) {
            (self.name, self.key, self.message, self.tag) = (name, key, message, tag)
        }
    }

    /// RFC 8439 §2.5.2 and Appendix A.3 #1–#11. #5–#11 are the edge cases of a limb implementation: a result
    /// just above or at 2^130 − 5, `s` overflowing 2^128, carries out of an all-ones limb, 131-bit intermediates.
    /// (The RFC lists their keys as R and S; here they are R ‖ S, the 32-byte key.)
    static let vectors: [MACVector] = [
        .init(
            "2.5.2",
            key: bytes("85d6be7857556d337f4452fe42d506a80103808afb0db2fd4abff6af4149f51b"),
            message: Array("Cryptographic Forum Research Group".utf8),
            tag: bytes("a8061dc1305136c6c22b8baf0c0127a9")
        ),
        .init(
            "A.3#1",
            key: bytes("0000000000000000000000000000000000000000000000000000000000000000"),
            message: Array(repeating: 0, count: 64),
            tag: bytes("00000000000000000000000000000000")
        ),
        .init(
            "A.3#2",
            key: bytes("0000000000000000000000000000000036e5f6b5c5e06070f0efca96227a863e"),
            message: RFC8439.contribution,
            tag: bytes("36e5f6b5c5e06070f0efca96227a863e")
        ),
        .init(
            "A.3#3",
            key: bytes("36e5f6b5c5e06070f0efca96227a863e00000000000000000000000000000000"),
            message: RFC8439.contribution,
            tag: bytes("f3477e7cd95417af89a6b8794c310cf0")
        ),
        .init(
            "A.3#4",
            key: bytes("1c9240a5eb55d38af333888604f6b5f0473917c1402b80099dca5cbc207075c0"),
            message: RFC8439.jabberwocky,
            tag: bytes("4541669a7eaaee61e708dc7cbcc5eb62")
        ),
        .init(
            "A.3#5",
            key: bytes("0200000000000000000000000000000000000000000000000000000000000000"),
            message: bytes("ffffffffffffffffffffffffffffffff"),
            tag: bytes("03000000000000000000000000000000")
        ),
        .init(
            "A.3#6",
            key: bytes("02000000000000000000000000000000ffffffffffffffffffffffffffffffff"),
            message: bytes("02000000000000000000000000000000"),
            tag: bytes("03000000000000000000000000000000")
        ),
        .init(
            "A.3#7",
            key: bytes("0100000000000000000000000000000000000000000000000000000000000000"),
            message: bytes("""
                ff ff ff ff ff ff ff ff ff ff ff ff ff ff ff ff
                f0 ff ff ff ff ff ff ff ff ff ff ff ff ff ff ff
                11 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
                """),
            tag: bytes("05000000000000000000000000000000")
        ),
        .init(
            "A.3#8",
            key: bytes("0100000000000000000000000000000000000000000000000000000000000000"),
            message: bytes("""
                ff ff ff ff ff ff ff ff ff ff ff ff ff ff ff ff
                fb fe fe fe fe fe fe fe fe fe fe fe fe fe fe fe
                01 01 01 01 01 01 01 01 01 01 01 01 01 01 01 01
                """),
            tag: bytes("00000000000000000000000000000000")
        ),
        .init(
            "A.3#9",
            key: bytes("0200000000000000000000000000000000000000000000000000000000000000"),
            message: bytes("fdffffffffffffffffffffffffffffff"),
            tag: bytes("faffffffffffffffffffffffffffffff")
        ),
        .init(
            "A.3#10",
            key: bytes("0100000000000000040000000000000000000000000000000000000000000000"),
            message: bytes("""
                e3 35 94 d7 50 5e 43 b9 00 00 00 00 00 00 00 00
                33 94 d7 50 5e 43 79 cd 01 00 00 00 00 00 00 00
                00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
                01 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
                """),
            tag: bytes("14000000000000005500000000000000")
        ),
        .init(
            "A.3#11",
            key: bytes("0100000000000000040000000000000000000000000000000000000000000000"),
            message: bytes("""
                e3 35 94 d7 50 5e 43 b9 00 00 00 00 00 00 00 00
                33 94 d7 50 5e 43 79 cd 01 00 00 00 00 00 00 00
                00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
                """),
            tag: bytes("13000000000000000000000000000000")
        ),
    ]

    @Test("the tag is the published one", arguments: vectors)
    func knownAnswer(_ vector: MACVector) throws {
        #expect(try Poly1305.authenticate(vector.message, key: vector.key) == vector.tag)
    }

    @Test("updates in pieces of any size give the tag of the whole message", arguments: [1, 2, 3, 7, 15, 16, 17, 31, 64, 100])
    func pieces(size: Int) throws {
        for vector in Self.vectors {
            var mac = try Poly1305(key: vector.key)
            for start in stride(from: 0, to: vector.message.count, by: size) {
                mac.update(Array(vector.message[start..<min(start + size, vector.message.count)]))
            }
            mac.update([])
            #expect(mac.finalize() == vector.tag, "\(vector.name) in pieces of \(size)")
        }
    }

    @Test("uneven pieces give the tag of the whole message")
    func unevenPieces() throws {
        var random = SeededRandom(seed: 1305)
        let key = (0..<32).map { _ in UInt8.random(in: 0...255, using: &random) }
        let message = (0..<500).map { _ in UInt8.random(in: 0...255, using: &random) }
        let whole = try Poly1305.authenticate(message, key: key)
        for round in 0..<50 {
            var mac = try Poly1305(key: key)
            var start = 0
            while start < message.count {
                let end = min(message.count, start + Int.random(in: 0...40, using: &random))
                mac.update(Array(message[start..<end]))
                start = end
            }
            #expect(mac.finalize() == whole, "round \(round)")
        }
    }

    @Test("a key that is not 32 bytes is refused with its length")
    func wrongKeyLength() {
        #expect(throws: CryptoError.invalidKeyLength(16, expected: 32)) { try Poly1305(key: Array(repeating: 1, count: 16)) }
        #expect(throws: CryptoError.invalidKeyLength(0, expected: 32)) { try Poly1305.authenticate([1, 2, 3], key: []) }
    }
}
