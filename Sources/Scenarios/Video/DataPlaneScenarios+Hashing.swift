import VideoKit

/// Exercises 4.1 and 4.2: manifests and chunk checks, called directly.
extension DataPlaneScenarios {
    static func buildsManifests(_ roles: DataPlaneRoles, seed: UInt64) async throws {
        try await ScenarioFolder.with("video.4.1-manifest") { folder in
            let files = [
                SeededFile(name: "empty.bin", size: 0, seed: seed),
                SeededFile(name: "one.bin", size: 1, seed: seed + 1),
                SeededFile(name: "exact.bin", size: 2 << 20, seed: seed + 2),
                SeededFile(name: "odd.mp4", size: 5 << 20 + 4321, seed: seed + 3),
            ]
            let cases: [(SeededFile, UInt32)] = files.map { ($0, 1 << 20) } + [(files[3], 64 << 10), (files[3], 1000), (files[1], 1000)]
            for file in files { try file.write(in: folder.path) }
            let hashing = roles.hashing
            for (file, chunkSize) in cases {
                let path = folder.file(file.name)
                let name = file.name
                let built = try await BlockingWork.abandonable { try hashing.manifest(ofFileAt: path, name: name, chunkSize: chunkSize) }
                let reference = file.manifest(chunkSize: chunkSize)
                try expect(built == reference, "the manifest of \(file.name) (\(file.size) bytes) in chunks of \(chunkSize): \(reference)",
                           observed: difference(built, reference))
            }
        }
    }

    static func verifiesChunks(_ roles: DataPlaneRoles, seed: UInt64) async throws {
        let file = SeededFile(name: "clip.mp4", size: 3 << 20 + 500, seed: seed)
        let manifest = file.manifest(chunkSize: 1 << 20)
        let first = file.bytes(at: 0, count: 1 << 20)
        let last = file.bytes(at: 3 << 20, count: 500)
        var flipped = first
        flipped[123_456] ^= 0x01
        let checks: [(String, [UInt8], Int, Bool)] = [
            ("chunk 0, exactly", first, 0, true),
            ("the short last chunk (500 bytes)", last, 3, true),
            ("chunk 0 with one bit flipped", flipped, 0, false),
            ("chunk 0 missing its last byte", Array(first.dropLast()), 0, false),
            ("chunk 0 with one byte too many", first + [0], 0, false),
            ("the last chunk padded to a whole chunk with zeros", last + [UInt8](repeating: 0, count: (1 << 20) - 500), 3, false),
            ("chunk 0's bytes presented as chunk 1", first, 1, false),
            ("no bytes at all for chunk 0", [], 0, false),
            ("chunk 0's bytes under index -1", first, -1, false),
            ("chunk 0's bytes under index 4 (the file has 4 chunks)", first, 4, false),
        ]
        for (what, bytes, index, valid) in checks {
            let answer = try bytes.withUnsafeBytes { try roles.hashing.isValid($0, chunk: index, of: manifest) }
            try expect(answer == valid, "isValid(\(what)) to be \(valid)", observed: "\(answer)")
        }
        let empty = SeededFile(name: "empty", size: 0, seed: seed).manifest(chunkSize: 1 << 20)
        let answer = try [UInt8]().withUnsafeBytes { try roles.hashing.isValid($0, chunk: 0, of: empty) }
        try expect(!answer, "isValid(no bytes, chunk 0 of an empty file, which has no chunks) to be false", observed: "\(answer)")
    }

    /// What differs between two manifests, in words.
    static func difference(_ built: Manifest, _ reference: Manifest) -> String {
        if built.size != reference.size { return "size \(built.size)" }
        if built.chunkSize != reference.chunkSize { return "chunk size \(built.chunkSize)" }
        if built.chunkHashes.count != reference.chunkHashes.count { return "\(built.chunkHashes.count) chunk hashes" }
        if let index = built.chunkHashes.indices.first(where: { built.chunkHashes[$0] != reference.chunkHashes[$0] }) {
            return "a wrong hash for chunk \(index) of \(built.chunkCount)"
        }
        if built.name != reference.name { return "name \(built.name.debugDescription)" }
        return "\(built)"
    }
}
