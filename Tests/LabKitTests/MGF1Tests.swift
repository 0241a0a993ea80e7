import LabKit
import Testing

@Suite struct MGF1Tests {
    @Test("MGF1-SHA-256 masks match the published example and an independent Python implementation (hashlib)", arguments: [
        ("", 0, ""),
        ("foo", 3, "3bdaba"),
        ("foo", 5, "3bdaba83cf"),
        // The published example (Wikipedia, "Mask generation function"): mgf1(b"bar", 50, hashlib.sha256).
        ("bar", 50, "382576a7841021cc28fc4c0948753fb8312090cea942ea4c4e735d10dc724b155f9f6069f289d61daca0cb814502ef04eae1"),
        ("The quick brown fox jumps over the lazy dog", 100,
            "9632c184dc0b116e367b27a717e75eb52e6b90205d591753777c2800b862237efc8712db162c2a6c18c303bce8d53f4ac0dc"
            + "e384695268fe121e28ebbab0c0cf97b9b06db531b8a424def1c5d29e7991ce7a373f6e12a34d508b2b0d3ec2cb16f6573931"),
    ])
    func knownMasks(seed: String, length: Int, mask: String) throws {
        #expect(try MGF1.sha256(seed: Array(seed.utf8), outputLength: length).hex == mask)
    }

    @Test("a mask is the first block SHA256(seed ‖ 0000), and shorter masks are prefixes of longer ones")
    func prefixes() throws {
        let seed: [UInt8] = Array(0..<32)
        let longest = try MGF1.sha256(seed: seed, outputLength: 1_000)
        #expect(longest.count == 1_000)
        #expect(Array(longest.prefix(32)) == SHA256.hash(seed + [0, 0, 0, 0]))
        #expect(Array(longest[32..<64]) == SHA256.hash(seed + [0, 0, 0, 1]))
        for length in [0, 1, 31, 32, 33, 64, 65, 223, 999] {
            #expect(try MGF1.sha256(seed: seed, outputLength: length) == Array(longest.prefix(length)), "length \(length)")
        }
    }

    @Test("lengths outside 0…65,536 throw LengthError; 65,536 itself is allowed")
    func limits() throws {
        for length in [-1, 65_537, Int.max] {
            let error = #expect(throws: MGF1.LengthError.self) { try MGF1.sha256(seed: [1], outputLength: length) }
            #expect(error?.length == length && error?.limit == 65_536)
        }
        #expect(try MGF1.sha256(seed: [1], outputLength: MGF1.maximumOutputLength).count == 65_536)
        let error = #expect(throws: MGF1.LengthError.self) { try MGF1.sha256(seed: [], outputLength: -1) }
        #expect(error?.description == "an MGF1 mask of -1 bytes was asked for; it must be 0…65536 bytes")
    }
}
