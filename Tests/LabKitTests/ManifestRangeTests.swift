import Testing
import VideoKit

/// Given code that student code calls must not trap on what it is handed.
struct ManifestRangeTests {
    @Test("a manifest gives every chunk index, hostile ones too, a range inside the file")
    func chunkRangesNeverTrap() {
        let manifest = Manifest(name: "f", size: 2_500, chunkSize: 1_000, chunkHashes: Array(repeating: [UInt8](repeating: 0, count: 32), count: 3))
        #expect(manifest.range(ofChunk: 0) == (0, 1_000))
        #expect(manifest.range(ofChunk: 2) == (2_000, 500))
        for index in [3, 4, 1 << 40, Int(UInt32.max), Int.max, -1, Int.min] {
            let range = manifest.range(ofChunk: index)
            #expect(range.offset == 2_500 && range.length == 0, "chunk \(index): \(range)")
        }
    }
}
