import LabKit
import Testing

@Suite struct HKDFTests {
    /// An RFC 5869 test case: inputs, the pseudorandom key from extract, and the output of expand.
    struct Vector: Sendable, CustomTestStringConvertible {
        let name: String
        let inputKeyMaterial: [UInt8]
        let salt: [UInt8]
        let info: [UInt8]
        let pseudorandomKey: String
        let output: String

        var testDescription: String { name }
    }

    /// RFC 5869 Appendix A, test cases 1–3 (the SHA-256 ones).
    static let rfc5869: [Vector] = [
        Vector(
            name: "case 1: basic", inputKeyMaterial: [UInt8](repeating: 0x0b, count: 22),
            salt: [UInt8](hex: "000102030405060708090a0b0c"), info: [UInt8](hex: "f0f1f2f3f4f5f6f7f8f9"),
            pseudorandomKey: "077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5",
            output: "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865"),
        Vector(
            name: "case 2: longer inputs and outputs", inputKeyMaterial: (0x00..<0x50).map { UInt8($0) },
            salt: (0x60..<0xb0).map { UInt8($0) }, info: (0xb0...0xff).map { UInt8($0) },
            pseudorandomKey: "06a6b88c5853361a06104c9ceb35b45cef760014904671014a193f40c15fc244",
            output: "b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c59045a99cac7827271cb41c65e590e09"
                + "da3275600c2f09b8367793a9aca3db71cc30c58179ec3e87c14c01d5c1f3434f1d87"),
        Vector(
            name: "case 3: empty salt and info", inputKeyMaterial: [UInt8](repeating: 0x0b, count: 22), salt: [], info: [],
            pseudorandomKey: "19ef24a32c717b167f33a91d6f648bdf96596776afdb6377ac434c1c293ccb04",
            output: "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8"),
    ]

    @Test("RFC 5869 test cases 1–3 give their published pseudorandom keys and outputs", arguments: rfc5869)
    func rfc5869Vectors(vector: Vector) {
        let prk = HKDF.sha256Extract(salt: vector.salt, inputKeyMaterial: vector.inputKeyMaterial)
        #expect(prk.hex == vector.pseudorandomKey)
        let length = vector.output.count / 2
        #expect(HKDF.sha256Expand(pseudorandomKey: prk, info: vector.info, outputLength: length).hex == vector.output)
        let output = HKDF.sha256(inputKeyMaterial: vector.inputKeyMaterial, salt: vector.salt, info: vector.info, outputLength: length)
        #expect(output.hex == vector.output)
    }

    @Test("every length up to the 8,160-byte maximum is a prefix of the longest output")
    func lengthsArePrefixes() {
        let secret = Array("secret".utf8), salt = Array("salt".utf8), info = Array("info".utf8)
        let longest = HKDF.sha256(inputKeyMaterial: secret, salt: salt, info: info, outputLength: HKDF.maximumOutputLength)
        #expect(longest.count == 8_160)
        for length in [0, 1, 31, 32, 33, 64, 100, 8_159] {
            let output = HKDF.sha256(inputKeyMaterial: secret, salt: salt, info: info, outputLength: length)
            #expect(output == Array(longest.prefix(length)), "length \(length)")
        }
    }

    @Test("an empty salt is the same as 32 zero bytes, and different info gives unrelated keys")
    func saltAndInfo() {
        let secret = Array("secret".utf8)
        let empty = HKDF.sha256(inputKeyMaterial: secret, salt: [], info: [], outputLength: 32)
        #expect(HKDF.sha256(inputKeyMaterial: secret, salt: [UInt8](repeating: 0, count: 32), info: [], outputLength: 32) == empty)
        #expect(HKDF.sha256(inputKeyMaterial: secret, salt: [], info: [1], outputLength: 32) != empty)
    }

    @Test("asking for more than 255 × 32 bytes is a precondition failure")
    func tooLongTraps() async {
        await #expect(processExitsWith: .failure) {
            _ = HKDF.sha256(inputKeyMaterial: [1], salt: [], info: [], outputLength: 255 * 32 + 1)
        }
    }
}
