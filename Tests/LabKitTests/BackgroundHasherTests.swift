@testable import LabKit
import Testing

@Suite struct BackgroundHasherTests {
    @Test("pieces hashed on the hasher's queue give the digest of their concatenation, in order, past its waiting room")
    func digestOfPiecesInOrder() {
        var random = SeededRandom(seed: 0x4A5_0001)
        // Pieces of 1 B to 10 KiB, many more than the two that may wait: `update` must wait, never reorder or drop.
        let pieces = (0..<300).map { _ in (0..<Int.random(in: 1...10_240, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) } }
        let hasher = BackgroundHasher(limit: 2)
        for piece in pieces { hasher.update(piece) }
        #expect(hasher.finalize() == SHA256.hash(pieces.flatMap { $0 }))
        // Finalizing reads the digest without ending the hash: more pieces extend it.
        hasher.update([1, 2, 3])
        #expect(hasher.finalize() == SHA256.hash(pieces.flatMap { $0 } + [1, 2, 3]))
    }
}
