import LabKit
import Testing

@Suite struct HMACTests {
    /// An RFC 4231 test case: key, data, and the HMAC-SHA-256 (only its first 16 bytes for case 5).
    struct Vector: Sendable, CustomTestStringConvertible {
        let name: String
        let key: [UInt8]
        let message: [UInt8]
        let tag: String

        var testDescription: String { name }
    }

    /// RFC 4231 §4.2–4.8, test cases 1–7 (SHA-256 column).
    static let rfc4231: [Vector] = [
        Vector(
            name: "case 1", key: [UInt8](repeating: 0x0b, count: 20), message: Array("Hi There".utf8),
            tag: "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
        Vector(
            name: "case 2: a key shorter than the output", key: Array("Jefe".utf8),
            message: Array("what do ya want for nothing?".utf8),
            tag: "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
        Vector(
            name: "case 3: 50 bytes of 0xdd", key: [UInt8](repeating: 0xaa, count: 20), message: [UInt8](repeating: 0xdd, count: 50),
            tag: "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
        Vector(
            name: "case 4: a 25-byte key", key: [UInt8](hex: "0102030405060708090a0b0c0d0e0f10111213141516171819"),
            message: [UInt8](repeating: 0xcd, count: 50),
            tag: "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"),
        Vector(
            name: "case 5: output truncated to 128 bits", key: [UInt8](repeating: 0x0c, count: 20),
            message: Array("Test With Truncation".utf8),
            tag: "a3b6167473100ee06e0c796c2955552b"),
        Vector(
            name: "case 6: a key longer than a block", key: [UInt8](repeating: 0xaa, count: 131),
            message: Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8),
            tag: "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
        Vector(
            name: "case 7: a key and a message longer than a block", key: [UInt8](repeating: 0xaa, count: 131),
            message: Array(
                "This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.".utf8),
            tag: "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"),
    ]

    @Test("RFC 4231 test cases 1–7 give their published tags (case 5 compared on its 16-byte prefix)", arguments: rfc4231)
    func rfc4231Vectors(vector: Vector) {
        let tag = HMAC.sha256(key: vector.key, message: vector.message)
        #expect(tag.count == 32)
        #expect(Array(tag.prefix(vector.tag.count / 2)).hex == vector.tag)
    }

    @Test("the incremental form split at every offset gives the one-shot tag", arguments: rfc4231)
    func incrementalAgrees(vector: Vector) {
        let expected = HMAC.sha256(key: vector.key, message: vector.message)
        for split in 0...vector.message.count {
            var mac = HMAC.SHA256Authenticator(key: vector.key)
            mac.update(Array(vector.message[..<split]))
            Array(vector.message[split...]).withUnsafeBytes { mac.update($0) }
            #expect(mac.finalize() == expected, "\(vector.name), split at \(split)")
        }
    }

    @Test("a copy of a keyed authenticator authenticates its own message, independently of the original")
    func copiesAreIndependent() {
        let key = Array("shared".utf8)
        let keyed = HMAC.SHA256Authenticator(key: key)
        var first = keyed, second = keyed
        first.update(Array("one".utf8))
        second.update(Array("two".utf8))
        #expect(first.finalize() == HMAC.sha256(key: key, message: Array("one".utf8)))
        #expect(second.finalize() == HMAC.sha256(key: key, message: Array("two".utf8)))
    }

    @Test("keys up to a block are zero-padded and longer keys are hashed (RFC 2104), at every length around 64")
    func keyLengths() {
        let message = Array("boundary".utf8)
        var random = SeededRandom(seed: 3)
        for length in [0, 1, 31, 32, 33, 63, 64, 65, 127, 128, 129] {
            let key = (0..<length).map { _ in UInt8.random(in: 0...255, using: &random) }
            let tag = HMAC.sha256(key: key, message: message)
            if length <= 64 {
                let padded = key + [UInt8](repeating: 0, count: 64 - length)
                #expect(HMAC.sha256(key: padded, message: message) == tag, "key of \(length) bytes, seed 3")
            } else {
                #expect(HMAC.sha256(key: SHA256.hash(key), message: message) == tag, "key of \(length) bytes, seed 3")
            }
            #expect(HMAC.sha256(key: key + [1], message: message) != tag, "key of \(length) bytes, seed 3")
        }
    }
}
