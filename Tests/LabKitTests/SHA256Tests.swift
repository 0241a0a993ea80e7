import Foundation
import LabKit
import Testing

@Suite struct SHA256Tests {
    /// A published message and its digest.
    struct Vector: Sendable, CustomTestStringConvertible {
        let name: String
        let message: [UInt8]
        let digest: String

        init(_ name: String, text: String, digest: String) {
            self.init(name, message: Array(text.utf8), digest: digest)
        }

        init(_ name: String, message: [UInt8], digest: String) {
            self.name = name
            self.message = message
            self.digest = digest
        }

        var testDescription: String { name }
    }

    // MARK: Known answers

    /// FIPS 180-4 examples (NIST "Cryptographic Standards and Guidelines: Examples with Intermediate Values").
    static let fips: [Vector] = [
        Vector("empty", text: "", digest: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        Vector("abc", text: "abc", digest: "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        Vector(
            "448-bit message", text: "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            digest: "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        Vector(
            "896-bit message",
            text: "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
            digest: "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"),
    ]

    /// A handful of the NIST SHAVS byte-oriented vectors (CAVS 11.0, SHA256ShortMsg.rsp and SHA256LongMsg.rsp).
    static let shavs: [Vector] = [
        Vector("ShortMsg Len = 8", message: [UInt8](hex: "d3"), digest: "28969cdfa74a12c82f3bad960b0b000aca2ac329deea5c2328ebc6f2ba9802c1"),
        Vector("ShortMsg Len = 16", message: [UInt8](hex: "11af"), digest: "5ca7133fa735326081558ac312c620eeca9970d1e70a4b95533d956f072d1f98"),
        Vector("ShortMsg Len = 24", message: [UInt8](hex: "b4190e"), digest: "dff2e73091f6c05e528896c4c831b9448653dc2ff043528f6769437bc7b975c2"),
        Vector("ShortMsg Len = 32", message: [UInt8](hex: "74ba2521"), digest: "b16aa56be3880d18cd41e68384cf1ec8c17680c45a02b1575dc1518923ae8b0e"),
        Vector(
            "ShortMsg Len = 64", message: [UInt8](hex: "5738c929c4f4ccb6"),
            digest: "963bb88f27f512777aab6c8b1a02c70ec0ad651d428f870036e1917120fb48bf"),
        Vector(
            "ShortMsg Len = 128", message: [UInt8](hex: "0a27847cdc98bd6f62220b046edd762b"),
            digest: "80c25ec1600587e7f28b18b1b18e3cdc89928e39cab3bc25e4d4a4c139bcedc4"),
        Vector(
            "ShortMsg Len = 256", message: [UInt8](hex: "09fc1accc230a205e4a208e64a8f204291f581a12756392da4b8c0cf5ef02b95"),
            digest: "4f44c1c7fbebb6f9601829f3897bfd650c56fa07844be76489076356ac1886a4"),
        Vector(
            "ShortMsg Len = 440 (55 bytes: padding fits in the block)",
            message: [UInt8](hex: "3ebfb06db8c38d5ba037f1363e118550aad94606e26835a01af05078533cc25f2f39573c04b632f62f68c294ab31f2a3e2a1a0d8c2be51"),
            digest: "6595a2ef537a69ba8583dfbf7f5bec0ab1f93ce4c8ee1916eff44a93af5749c4"),
        Vector(
            "ShortMsg Len = 448 (56 bytes: padding spills into a second block)",
            message: [UInt8](hex: "2d52447d1244d2ebc28650e7b05654bad35b3a68eedc7f8515306b496d75f3e73385dd1b002625024b81a02f2fd6dffb6e6d561cb7d0bd7a"),
            digest: "cfb88d6faf2de3a69d36195acec2e255e2af2b7d933997f348e09f6ce5758360"),
        Vector(
            "ShortMsg Len = 504 (63 bytes)",
            message: [UInt8](hex: "e2f76e97606a872e317439f1a03fcd92e632e5bd4e7cbc4e97f1afc19a16fde92d77cbe546416b51640cddb92af996534dfd81edb17c4424cf1ac4d75aceeb"),
            digest: "18041bd4665083001fba8c5411d2d748e8abbfdcdfd9218cb02b68a78e7d4c23"),
        Vector(
            "ShortMsg Len = 512 (one whole block)",
            message: [UInt8](hex: "5a86b737eaea8ee976a0a24da63e7ed7eefad18a101c1211e2b3650c5187c2a8a650547208251f6d4237e661c7bf4c77f335390394c37fa1a9f9be836ac28509"),
            digest: "42e61e174fbb3897d6dd6cef3dd2802fe67b331953b06114a65c772859dfc1aa"),
        Vector(
            "LongMsg Len = 1304 (163 bytes)",
            message: [UInt8](
                hex: "451101250ec6f26652249d59dc974b7361d571a8101cdfd36aba3b5854d3ae086b5fdd4597721b66e3c0dc5d8c606d9657d0e323283a5217d1f53f2f284f57b85c8a61ac8924711f895c5ed90ef17745ed2d728abd22a5f7a13479a462d71b56c19a74a40b655c58edfe0a188ad2cf46cbf30524f65d423c837dd1ff2bf462ac4198007345bb44dbb7b1c861298cdf61982a833afc728fae1eda2f87aa2c9480858bec"),
            digest: "3c593aa539fdcdae516cdf2f15000f6634185c88f505b39775fb9ab137a10aa2"),
    ]

    /// Messages of bytes `0, 1, 2, …` whose lengths sit around the padding edge (0x80 plus the 8-byte length
    /// fit in a block only up to 55 bytes); digests computed with an independent implementation (Python hashlib).
    static let paddingEdge: [Vector] = [
        (55, "463eb28e72f82e0a96c0a4cc53690c571281131f672aa229e0d45ae59b598b59"),
        (56, "da2ae4d6b36748f2a318f23e7ab1dfdf45acdc9d049bd80e59de82a60895f562"),
        (63, "29af2686fd53374a36b0846694cc342177e428d1647515f078784d69cdb9e488"),
        (64, "fdeab9acf3710362bd2658cdc9a29e8f9c757fcf9811603a8c447cd1d9151108"),
        (65, "4bfd2c8b6f1eec7a2afeb48b934ee4b2694182027e6d0fc075074f2fabb31781"),
        (119, "da18797ed7c3a777f0847f429724a2d8cd5138e6ed2895c3fa1a6d39d18f7ec6"),
        (120, "f52b23db1fbb6ded89ef42a23ce0c8922c45f25c50b568a93bf1c075420bbb7c"),
        (128, "471fb943aa23c511f6f72f8d1652d9c880cfa392ad80503120547703e56a2be5"),
    ].map { count, digest in Vector("\(count) bytes", message: counting(count), digest: digest) }

    /// The hex digest of `message` on `engine`.
    static func hex(_ message: [UInt8], on engine: SHA256.Engine) -> String {
        var hasher = SHA256(engine: engine)
        hasher.update(message)
        return hasher.finalize().hex
    }

    @Test("published vectors hash to their digests on every engine of this CPU: the FIPS 180-4 examples, NIST SHAVS byte-oriented messages, and the padding edges (55, 56, 63, 64, 65 bytes and one block later)",
          arguments: fips + shavs + paddingEdge, SHA256.Engine.available)
    func publishedVectors(vector: Vector, engine: SHA256.Engine) {
        #expect(Self.hex(vector.message, on: engine) == vector.digest)
    }

    @Test("one million 'a' hashes to the FIPS 180-4 digest, in one piece and in uneven pieces, on every engine",
          arguments: SHA256.Engine.available)
    func millionA(engine: SHA256.Engine) {
        let message = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        let expected = "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
        #expect(Self.hex(message, on: engine) == expected)
        var hasher = SHA256(engine: engine)
        var offset = 0
        while offset < message.count {
            let end = min(offset + 1_000 + offset % 77, message.count)
            hasher.update(Array(message[offset..<end]))
            offset = end
        }
        #expect(hasher.finalize().hex == expected)
    }


    @Test("every length from 0 to 300 bytes, and random ones up to 64 KiB, agree with a plain reference, on every engine",
          arguments: SHA256.Engine.available)
    func everyLengthAgreesWithReference(engine: SHA256.Engine) {
        var random = SeededRandom(seed: 11)
        let lengths = Array(0...300) + (0..<20).map { _ in Int.random(in: 301...65_536, using: &random) }
        for count in lengths {
            let message = (0..<count).map { _ in UInt8.random(in: 0...255, using: &random) }
            #expect(Self.hex(message, on: engine) == ReferenceSHA256.hash(message).hex, "length \(count), seed 11")
        }
    }

    @Test("the portable engine is always available, and the SHA extensions exactly when Linux lists sha_ni for this CPU")
    func engines() throws {
        #expect(SHA256.Engine.available.first == .portable)
        #if os(Linux) && arch(x86_64)
        let cpuinfo = try String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)
        let flags = cpuinfo.split(separator: "\n").first { $0.hasPrefix("flags") }?.split(separator: " ") ?? []
        #expect(SHA256.Engine.available.contains(.shaExtensions) == flags.contains("sha_ni"))
        #endif
    }

    // MARK: Incremental updates

    @Test("a 200-byte message split in two at every offset 0…200 gives the one-shot digest")
    func everySplit() {
        let message = Self.counting(200)
        let expected = SHA256.hash(message)
        for split in 0...200 {
            var hasher = SHA256()
            hasher.update(Array(message[..<split]))
            hasher.update(Array(message[split...]))
            #expect(hasher.finalize() == expected, "split at \(split)")
        }
    }

    @Test("random splits into many pieces, empty ones included, give the one-shot digest", arguments: [1, 2, 3, 4] as [UInt64])
    func randomSplits(seed: UInt64) {
        var random = SeededRandom(seed: seed)
        for _ in 0..<50 {
            let count = Int.random(in: 0...1_000, using: &random)
            let message = (0..<count).map { _ in UInt8.random(in: 0...255, using: &random) }
            var hasher = SHA256()
            var offset = 0
            var pieces: [Int] = []
            while offset < count {
                let piece = min(Int.random(in: 0...150, using: &random), count - offset)
                hasher.update(Array(message[offset..<offset + piece]))
                pieces.append(piece)
                offset += piece
            }
            #expect(hasher.finalize() == SHA256.hash(message), "seed \(seed), pieces \(pieces)")
        }
    }

    @Test("the array, raw-buffer and collection entry points agree")
    func entryPointsAgree() {
        var random = SeededRandom(seed: 5)
        for count in [0, 1, 55, 64, 65, 200, 4_097] {
            let message = (0..<count).map { _ in UInt8.random(in: 0...255, using: &random) }
            var viaArray = SHA256()
            viaArray.update(message)
            var viaBuffer = SHA256()
            message.withUnsafeBytes { viaBuffer.update($0) }
            let expected = viaArray.finalize()
            #expect(viaBuffer.finalize() == expected, "length \(count)")
            // A slice (contiguous, not starting at 0) and a lazy collection (not contiguous at all).
            #expect(SHA256.hash(([0xEE] + message)[1...]) == expected, "length \(count)")
            #expect(SHA256.hash(message.lazy.map { $0 }) == expected, "length \(count)")
        }
    }

    @Test("an empty raw buffer, even one with no base address, changes nothing")
    func emptyBuffer() {
        var hasher = SHA256()
        hasher.update(UnsafeRawBufferPointer(start: nil, count: 0))
        hasher.update(Array("ab".utf8))
        hasher.update([])
        hasher.update(Array("c".utf8))
        #expect(hasher.finalize().hex == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    /// The bytes `0, 1, 2, …` (mod 256), `count` of them.
    static func counting(_ count: Int) -> [UInt8] { (0..<count).map { UInt8(truncatingIfNeeded: $0) } }
}
