import LabKit
import Testing

private func bytes(_ hex: String) -> [UInt8] { RFC8439.bytes(hex) }

@Suite struct ChaChaPolyTests {
    struct KeyVector: CustomTestStringConvertible {
        let name: String, key: [UInt8], nonce: [UInt8], oneTimeKey: [UInt8]
        var testDescription: String { name }
        init(_ name: String, key: [UInt8], nonce: [UInt8], oneTimeKey: [UInt8]) {
            (self.name, self.key, self.nonce, self.oneTimeKey) = (name, key, nonce, oneTimeKey)
        }
    }

    struct AEADVector: CustomTestStringConvertible {
        let name: String, key: [UInt8], nonce: [UInt8], aad: [UInt8], plaintext: [UInt8], ciphertext: [UInt8], tag: [UInt8]
        var testDescription: String { name }
        init(_ name: String, key: [UInt8], nonce: [UInt8], aad: [UInt8], plaintext: [UInt8], ciphertext: [UInt8], tag: [UInt8]) {
            (self.name, self.key, self.nonce, self.aad) = (name, key, nonce, aad)
            (self.plaintext, self.ciphertext, self.tag) = (plaintext, ciphertext, tag)
        }
    }

    /// RFC 8439 §2.6.2 and Appendix A.4 #1–#3: the one-time Poly1305 key made from ChaCha20 block 0.
    static let keyVectors: [KeyVector] = [
        .init(
            "2.6.2",
            key: bytes("808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f"),
            nonce: bytes("000000000001020304050607"),
            oneTimeKey: bytes("8ad5a08b905f81cc815040274ab29471a833b637e3fd0da508dbb8e2fdd1a646")
        ),
        .init(
            "A.4#1",
            key: bytes("0000000000000000000000000000000000000000000000000000000000000000"),
            nonce: bytes("000000000000000000000000"),
            oneTimeKey: bytes("76b8e0ada0f13d90405d6ae55386bd28bdd219b8a08ded1aa836efcc8b770dc7")
        ),
        .init(
            "A.4#2",
            key: bytes("0000000000000000000000000000000000000000000000000000000000000001"),
            nonce: bytes("000000000000000000000002"),
            oneTimeKey: bytes("ecfa254f845f647473d3cb140da9e87606cb33066c447b87bc2666dde3fbb739")
        ),
        .init(
            "A.4#3",
            key: bytes("1c9240a5eb55d38af333888604f6b5f0473917c1402b80099dca5cbc207075c0"),
            nonce: bytes("000000000000000000000002"),
            oneTimeKey: bytes("965e3bc6f9ec7ed9560808f4d229f94b137ff275ca9b3fcbdd59deaad23310ae")
        ),
    ]

    /// RFC 8439 §2.8.2 (sealing; its nonce is the 32-bit constant 07000000 then the IV) and Appendix A.5 (opening).
    static let vectors: [AEADVector] = [
        .init(
            "2.8.2",
            key: bytes("808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f"),
            nonce: bytes("070000004041424344454647"),
            aad: bytes("50515253c0c1c2c3c4c5c6c7"),
            plaintext: RFC8439.sunscreen,
            ciphertext: bytes("""
                d3 1a 8d 34 64 8e 60 db 7b 86 af bc 53 ef 7e c2
                a4 ad ed 51 29 6e 08 fe a9 e2 b5 a7 36 ee 62 d6
                3d be a4 5e 8c a9 67 12 82 fa fb 69 da 92 72 8b
                1a 71 de 0a 9e 06 0b 29 05 d6 a5 b6 7e cd 3b 36
                92 dd bd 7f 2d 77 8b 8c 98 03 ae e3 28 09 1b 58
                fa b3 24 e4 fa d6 75 94 55 85 80 8b 48 31 d7 bc
                3f f4 de f0 8e 4b 7a 9d e5 76 d2 65 86 ce c6 4b
                61 16
                """),
            tag: bytes("1ae10b594f09e26a7e902ecbd0600691")
        ),
        .init(
            "A.5",
            key: bytes("1c9240a5eb55d38af333888604f6b5f0473917c1402b80099dca5cbc207075c0"),
            nonce: bytes("000000000102030405060708"),
            aad: bytes("f33388860000000000004e91"),
            plaintext: RFC8439.drafts,
            ciphertext: bytes("""
                64 a0 86 15 75 86 1a f4 60 f0 62 c7 9b e6 43 bd
                5e 80 5c fd 34 5c f3 89 f1 08 67 0a c7 6c 8c b2
                4c 6c fc 18 75 5d 43 ee a0 9e e9 4e 38 2d 26 b0
                bd b7 b7 3c 32 1b 01 00 d4 f0 3b 7f 35 58 94 cf
                33 2f 83 0e 71 0b 97 ce 98 c8 a8 4a bd 0b 94 81
                14 ad 17 6e 00 8d 33 bd 60 f9 82 b1 ff 37 c8 55
                97 97 a0 6e f4 f0 ef 61 c1 86 32 4e 2b 35 06 38
                36 06 90 7b 6a 7c 02 b0 f9 f6 15 7b 53 c8 67 e4
                b9 16 6c 76 7b 80 4d 46 a5 9b 52 16 cd e7 a4 e9
                90 40 c5 a4 04 33 22 5e e2 82 a1 b0 a0 6c 52 3e
                af 45 34 d7 f8 3f a1 15 5b 00 47 71 8c bc 54 6a
                0d 07 2b 04 b3 56 4e ea 1b 42 22 73 f5 48 27 1a
                0b b2 31 60 53 fa 76 99 19 55 eb d6 31 59 43 4e
                ce bb 4e 46 6d ae 5a 10 73 a6 72 76 27 09 7a 10
                49 e6 17 d9 1d 36 10 94 fa 68 f0 ff 77 98 71 30
                30 5b ea ba 2e da 04 df 99 7b 71 4d 6c 6f 2c 29
                a6 ad 5c b4 02 2b 02 70 9b
                """),
            tag: bytes("eead9d67890cbb22392336fea1851f38")
        ),
    ]

    static let sunscreen = vectors[0]

    @Test("the one-time Poly1305 key is the published one", arguments: keyVectors)
    func oneTimeKey(_ vector: KeyVector) throws {
        #expect(try ChaChaPoly.oneTimeKey(key: vector.key, nonce: vector.nonce) == vector.oneTimeKey)
    }

    @Test("sealing gives the published ciphertext and tag, in both forms", arguments: vectors)
    func seal(_ vector: AEADVector) throws {
        let (ciphertext, tag) = try ChaChaPoly.seal(vector.plaintext, key: vector.key, nonce: vector.nonce, authenticating: vector.aad)
        #expect(ciphertext == vector.ciphertext)
        #expect(tag == vector.tag)
        let sealed = try ChaChaPoly.sealCombined(vector.plaintext, key: vector.key, nonce: vector.nonce, authenticating: vector.aad)
        #expect(sealed == vector.ciphertext + vector.tag)
    }

    @Test("opening the published ciphertext and tag gives the plaintext, in both forms", arguments: vectors)
    func open(_ vector: AEADVector) throws {
        let (key, nonce, aad) = (vector.key, vector.nonce, vector.aad)
        #expect(try ChaChaPoly.open(vector.ciphertext, tag: vector.tag, key: key, nonce: nonce, authenticating: aad) == vector.plaintext)
        #expect(try ChaChaPoly.openCombined(vector.ciphertext + vector.tag, key: key, nonce: nonce, authenticating: aad) == vector.plaintext)
    }

    @Test("a flipped bit anywhere in the ciphertext, the tag or the associated data fails authentication")
    func flippedBits() {
        let v = Self.sunscreen
        func flipped(_ bytes: [UInt8], _ bit: Int) -> [UInt8] {
            var copy = bytes
            copy[bit / 8] ^= 1 << UInt8(bit % 8)
            return copy
        }
        for bit in 0..<(v.ciphertext.count * 8) {
            #expect(throws: CryptoError.authenticationFailed, "ciphertext bit \(bit)") {
                try ChaChaPoly.open(flipped(v.ciphertext, bit), tag: v.tag, key: v.key, nonce: v.nonce, authenticating: v.aad)
            }
        }
        for bit in 0..<(v.tag.count * 8) {
            #expect(throws: CryptoError.authenticationFailed, "tag bit \(bit)") {
                try ChaChaPoly.open(v.ciphertext, tag: flipped(v.tag, bit), key: v.key, nonce: v.nonce, authenticating: v.aad)
            }
        }
        for bit in 0..<(v.aad.count * 8) {
            #expect(throws: CryptoError.authenticationFailed, "associated data bit \(bit)") {
                try ChaChaPoly.open(v.ciphertext, tag: v.tag, key: v.key, nonce: v.nonce, authenticating: flipped(v.aad, bit))
            }
        }
        let sealed = v.ciphertext + v.tag
        for bit in 0..<(sealed.count * 8) {
            #expect(throws: CryptoError.authenticationFailed, "combined bit \(bit)") {
                try ChaChaPoly.openCombined(flipped(sealed, bit), key: v.key, nonce: v.nonce, authenticating: v.aad)
            }
        }
    }

    @Test("a truncated or extended message is refused: too short for a tag, or failing authentication")
    func truncated() {
        let v = Self.sunscreen
        let sealed = v.ciphertext + v.tag
        for length in 0..<sealed.count {
            let expected: CryptoError = length < 16 ? .truncated(length: length, minimum: 16) : .authenticationFailed
            #expect(throws: expected, "first \(length) of \(sealed.count) bytes") {
                try ChaChaPoly.openCombined(Array(sealed[..<length]), key: v.key, nonce: v.nonce, authenticating: v.aad)
            }
        }
        #expect(throws: CryptoError.authenticationFailed) {
            try ChaChaPoly.openCombined(sealed + [0], key: v.key, nonce: v.nonce, authenticating: v.aad)
        }
        #expect(throws: CryptoError.authenticationFailed) {
            try ChaChaPoly.open(Array(v.ciphertext.dropLast()), tag: v.tag, key: v.key, nonce: v.nonce, authenticating: v.aad)
        }
        #expect(throws: CryptoError.authenticationFailed) {
            try ChaChaPoly.open(v.ciphertext, tag: v.tag, key: v.key, nonce: v.nonce, authenticating: Array(v.aad.dropLast()))
        }
        #expect(throws: CryptoError.invalidTagLength(15, expected: 16)) {
            try ChaChaPoly.open(v.ciphertext, tag: Array(v.tag.dropLast()), key: v.key, nonce: v.nonce, authenticating: v.aad)
        }
    }

    @Test("another key, another nonce or no associated data fails authentication")
    func wrongInputs() {
        let v = Self.sunscreen
        var otherKey = v.key
        otherKey[31] ^= 0x80
        var otherNonce = v.nonce
        otherNonce[0] = 8  // another sender's nonce for the same IV
        #expect(throws: CryptoError.authenticationFailed) {
            try ChaChaPoly.open(v.ciphertext, tag: v.tag, key: otherKey, nonce: v.nonce, authenticating: v.aad)
        }
        #expect(throws: CryptoError.authenticationFailed) {
            try ChaChaPoly.open(v.ciphertext, tag: v.tag, key: v.key, nonce: otherNonce, authenticating: v.aad)
        }
        #expect(throws: CryptoError.authenticationFailed) {
            try ChaChaPoly.open(v.ciphertext, tag: v.tag, key: v.key, nonce: v.nonce)
        }
    }

    @Test("a key that is not 32 bytes or a nonce that is not 12 is refused by every entry point")
    func wrongLengths() {
        let key = [UInt8](repeating: 1, count: 32), nonce = [UInt8](repeating: 2, count: 12), tag = [UInt8](repeating: 3, count: 16)
        let shortKey = Array(key[..<31]), longNonce = nonce + [0]
        let badKey = CryptoError.invalidKeyLength(31, expected: 32), badNonce = CryptoError.invalidNonceLength(13, expected: 12)
        #expect(throws: badKey) { try ChaChaPoly.seal([1], key: shortKey, nonce: nonce) }
        #expect(throws: badNonce) { try ChaChaPoly.seal([1], key: key, nonce: longNonce) }
        #expect(throws: badKey) { try ChaChaPoly.open([1], tag: tag, key: shortKey, nonce: nonce) }
        #expect(throws: badNonce) { try ChaChaPoly.open([1], tag: tag, key: key, nonce: longNonce) }
        #expect(throws: badKey) { try ChaChaPoly.sealCombined([1], key: shortKey, nonce: nonce) }
        #expect(throws: badNonce) { try ChaChaPoly.sealCombined([1], key: key, nonce: longNonce) }
        #expect(throws: badKey) { try ChaChaPoly.openCombined(tag, key: shortKey, nonce: nonce) }
        #expect(throws: badNonce) { try ChaChaPoly.openCombined(tag, key: key, nonce: longNonce) }
    }

    @Test("seal then open gives the message back for every length from 0 to 300 bytes")
    func roundTrips() throws {
        var random = SeededRandom(seed: 8439)
        for length in 0...300 {
            let key = (0..<32).map { _ in UInt8.random(in: 0...255, using: &random) }
            let nonce = (0..<12).map { _ in UInt8.random(in: 0...255, using: &random) }
            let aad = (0..<Int.random(in: 0...40, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            let message = (0..<length).map { _ in UInt8.random(in: 0...255, using: &random) }
            let (ciphertext, tag) = try ChaChaPoly.seal(message, key: key, nonce: nonce, authenticating: aad)
            #expect(ciphertext.count == length && tag.count == 16, "length \(length)")
            #expect(try ChaChaPoly.open(ciphertext, tag: tag, key: key, nonce: nonce, authenticating: aad) == message, "length \(length)")
            let sealed = try ChaChaPoly.sealCombined(message, key: key, nonce: nonce, authenticating: aad)
            #expect(sealed == ciphertext + tag, "length \(length)")
            #expect(try ChaChaPoly.openCombined(sealed, key: key, nonce: nonce, authenticating: aad) == message, "length \(length)")
        }
    }

    @Test("sealing agrees with ChaCha20 and Poly1305 composed as §2.8 defines, for every length from 0 to 1100 bytes")
    func composition() throws {
        // The AEAD computes the one-time key and its Poly1305 work between ChaCha20's rounds, 256 bytes at a time:
        // check it against the plain definition, one primitive after the other, across several groups and every tail.
        var random = SeededRandom(seed: 28)
        func randomBytes(_ count: Int) -> [UInt8] { (0..<count).map { _ in UInt8.random(in: 0...255, using: &random) } }
        func padded(_ bytes: [UInt8]) -> [UInt8] { bytes + Array(repeating: 0, count: (16 - bytes.count % 16) % 16) }
        func littleEndian(_ value: Int) -> [UInt8] { (0..<8).map { UInt8(truncatingIfNeeded: UInt64(value) >> (8 * $0)) } }
        for length in 0...1100 {
            let key = randomBytes(32), nonce = randomBytes(12), aad = randomBytes(length % 37), message = randomBytes(length)
            let ciphertext = try ChaCha20(key: key, nonce: nonce).encrypt(message, counter: 1)
            let macData = padded(aad) + padded(ciphertext) + littleEndian(aad.count) + littleEndian(ciphertext.count)
            let tag = try Poly1305.authenticate(macData, key: ChaChaPoly.oneTimeKey(key: key, nonce: nonce))
            let sealed = try ChaChaPoly.seal(message, key: key, nonce: nonce, authenticating: aad)
            #expect(sealed.ciphertext == ciphertext && sealed.tag == tag, "length \(length)")
            #expect(try ChaChaPoly.open(ciphertext, tag: tag, key: key, nonce: nonce, authenticating: aad) == message, "length \(length)")
        }
    }

    @Test("errors read as sentences a student can act on")
    func descriptions() {
        #expect(CryptoError.invalidKeyLength(16, expected: 32).description == "a key must be 32 bytes, but this one has 16")
        #expect(CryptoError.invalidNonceLength(8, expected: 12).description == "a nonce must be 12 bytes, but this one has 8")
        #expect(CryptoError.invalidTagLength(15, expected: 16).description == "a tag must be 16 bytes, but this one has 15")
        #expect(
            CryptoError.truncated(length: 9, minimum: 16).description
                == "a sealed message of 9 bytes is too short: it needs at least 16 bytes for its tag")
        #expect(
            CryptoError.authenticationFailed.description
                == "authentication failed: wrong key or nonce, or the message or its associated data was altered")
    }
}
