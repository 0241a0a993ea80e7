import VideoKit

/// Exercise 3.1: the chunk server, driven by the grader's client over a real connection.
extension DataPlaneScenarios {
    static func servesChunks(_ roles: DataPlaneRoles, seed: UInt64) async throws {
        try await ScenarioFolder.with("video.3.1-serve-chunks") { folder in
            let clip = SeededFile(name: "clip.mp4", size: 3 << 20 + 1234, seed: seed)
            let tiny = SeededFile(name: "tiny.txt", size: 100, seed: seed + 1)
            let library = try library([clip, tiny], in: folder, chunkSize: 1 << 20)
            try await withResponder(roles.responder, library: library) { contact in
                let probe = try await ChunkProbe.connect(to: contact)
                defer { probe.close() }
                let manifest = library[clip.name]!.manifest
                let answer = try await probe.ask(.manifest(name: clip.name))
                try expect(answer == .manifest(manifest), "MANIFEST clip.mp4 answered with its manifest (\(manifest))", observed: "\(answer)")
                for index in [0, 3] {
                    try await probe.client.send(.chunk(name: clip.name, index: UInt32(index)))
                    try await expectChunk(index, of: clip, manifest: manifest, from: probe)
                }
                try await probe.client.send(.chunk(name: clip.name, index: 2))
                try await probe.client.send(.chunk(name: clip.name, index: 1))
                try await expectChunk(2, of: clip, manifest: manifest, from: probe, note: " (two requests sent back to back: answered in order)")
                try await expectChunk(1, of: clip, manifest: manifest, from: probe, note: " (two requests sent back to back: answered in order)")

                let other = try await ChunkProbe.connect(to: contact)
                defer { other.close() }
                let tinyManifest = library[tiny.name]!.manifest
                let tinyAnswer = try await other.ask(.manifest(name: tiny.name))
                try expect(tinyAnswer == .manifest(tinyManifest), "MANIFEST tiny.txt on a second connection answered with its manifest",
                           observed: "\(tinyAnswer)")
                try await other.client.send(.chunk(name: tiny.name, index: 0))
                try await expectChunk(0, of: tiny, manifest: tinyManifest, from: other)
            }
        }
    }

    static func refusesHostileRequests(_ roles: DataPlaneRoles, seed: UInt64) async throws {
        try await ScenarioFolder.with("video.3.1-hostile-requests") { folder in
            let clip = SeededFile(name: "clip.mp4", size: 3 << 20 + 1234, seed: seed)
            var library = try library([clip], in: folder, chunkSize: 1 << 20)
            let entry = library[clip.name]!
            // Even names the library holds must be refused when they are not plain visible names.
            library[".hidden"] = LibraryEntry(manifest: Manifest(name: ".hidden", size: entry.manifest.size, chunkSize: entry.manifest.chunkSize,
                                                                 chunkHashes: entry.manifest.chunkHashes), path: entry.path)
            library["../escape"] = LibraryEntry(manifest: entry.manifest, path: entry.path)
            try await withResponder(roles.responder, library: library) { contact in
                let probe = try await ChunkProbe.connect(to: contact)
                defer { probe.close() }
                let hostile = ["..", "../clip.mp4", "../../etc/passwd", "/etc/passwd", "a/b", "sub/clip.mp4", "clip.mp4\u{0}.txt", "",
                               ".", ".hidden", "../escape"]
                for name in hostile {
                    for request in [ChunkRequest.manifest(name: name), .chunk(name: name, index: 0)] {
                        let answer = try await probe.ask(request)
                        try expect(answer == .refused(.invalidName(name)), "\(request) refused as an invalid name", observed: "\(answer)")
                    }
                }
                for request in [ChunkRequest.manifest(name: "nope.mp4"), .chunk(name: "nope.mp4", index: 0)] {
                    let answer = try await probe.ask(request)
                    try expect(answer == .refused(.unknownFile("nope.mp4")), "\(request) refused as an unknown file", observed: "\(answer)")
                }
                for index in [UInt32(4), 1000, .max] {
                    let answer = try await probe.ask(.chunk(name: clip.name, index: index))
                    try expect(answer == .refused(.unknownChunk(name: clip.name, index: index, count: 4)),
                               "CHUNK clip.mp4#\(index) refused as an unknown chunk (the file has 4)", observed: "\(answer)")
                }
                try await probe.client.send(.chunk(name: clip.name, index: 1))
                try await expectChunk(1, of: clip, manifest: entry.manifest, from: probe, note: " after the refusals, on the same connection")

                let garbage: [(String, [UInt8])] = [
                    ("a frame with an unknown request tag", Frame.encode([0xEE, 1, 2, 3])),
                    ("a frame announcing 2 GiB", [0x7F, 0xFF, 0xFF, 0xFF]),
                    ("an HTTP request", Array("GET /clip.mp4 HTTP/1.1\r\nHost: x\r\n\r\n".utf8)),
                ]
                for (what, bytes) in garbage {
                    let connection = try await TCPConnection.connect(to: SocketAddress.parse(contact.address), timeout: .seconds(5))
                    defer { connection.close() }
                    try await connection.write(bytes)
                    let reply: String
                    do {
                        let answer = try await connection.read(maxBytes: 1024, timeout: .seconds(5))
                        reply = answer.isEmpty ? "closed" : "\(answer.count) bytes"
                    } catch NetError.connectionReset {
                        reply = "closed"
                    }
                    try expect(reply == "closed", "the server to close a connection that sent \(what)", observed: "it answered \(reply)")
                }
                let after = try await ChunkProbe.connect(to: contact)
                defer { after.close() }
                let answer = try await after.ask(.manifest(name: clip.name))
                try expect(answer == .manifest(entry.manifest), "the server still serving after the garbage", observed: "\(answer)")
            }
        }
    }

    /// Reads the answer to a request for chunk `index` and checks its header and bytes.
    static func expectChunk(_ index: Int, of file: SeededFile, manifest: Manifest, from probe: ChunkProbe, note: String = "") async throws {
        let (offset, length) = manifest.range(ofChunk: index)
        let answer = try await probe.answer()
        try expect(answer == .chunk(index: UInt32(index), length: UInt32(length)),
                   "CHUNK \(file.name)#\(index) answered as chunk \(index) of \(length) bytes\(note)", observed: "\(answer)")
        let bytes = try await probe.payload(length)
        try expect(bytes == file.bytes(at: Int(offset), count: length), "the \(length) bytes of chunk \(index) of \(file.name), exactly as in the file",
                   observed: "other bytes")
    }
}
