import LabKit
import Synchronization
import Testing
import FileTransfer

@Suite(.timeLimit(.minutes(2))) struct DownloadEngineTests {
    static let chunk: UInt32 = 64 << 10
    /// Deadlines that only a hang reaches: on a loaded machine, a busy cooperative pool can stall a healthy
    /// transfer for seconds.
    static let patient = DownloadOptions(connectTimeout: .seconds(60), readTimeout: .seconds(60), flushEvery: 8)

    @Test("one source: the file arrives identical, and only the final file is left")
    func singleSource() async throws {
        let folder = try VideoFolder()
        defer { folder.remove() }
        let path = try folder.makeFile("clip.bin", size: 5 << 20 + 1234)
        let seeders = try Seeders(count: 1, library: Seeders.library([path], chunkSize: Self.chunk))
        let engine = TestEngine(name: "clip.bin", expected: nil, sources: seeders.contacts, downloads: "\(folder.path)/down", options: Self.patient)
        let last = Lock<DownloadProgress?>(nil)
        let report = try await engine.run { progress in last.withLock { $0 = progress } }
        await seeders.stop()
        #expect(try folder.contents("down/clip.bin") == folder.contents("clip.bin"))
        #expect(folder.listing("down") == ["clip.bin"])
        #expect(report.path == "\(folder.path)/down/clip.bin")
        #expect(report.bytesReceived == 5 << 20 + 1234)
        #expect(report.chunksBySource == ["seed-1": report.manifest.chunkCount])
        #expect(report.reusedChunks == 0 && report.banned.isEmpty && report.failed.isEmpty)
        #expect(last.withLock { $0?.fraction } == 1)
    }

    @Test("three sources all serve chunks and no chunk is fetched twice")
    func threeSources() async throws {
        let folder = try VideoFolder()
        defer { folder.remove() }
        let path = try folder.makeFile("movie.mp4", size: 6 << 20 + 5)
        let library = try Seeders.library([path], chunkSize: Self.chunk)
        let seeders = try Seeders(count: 3, library: library)
        let engine = TestEngine(name: "movie.mp4", expected: ListedContent(of: library["movie.mp4"]!.manifest), sources: seeders.contacts,
                                downloads: "\(folder.path)/down", options: Self.patient)
        let report = try await engine.run()
        let sent = seeders.services.map(\.statistics.chunksSent)
        await seeders.stop()
        #expect(try folder.contents("down/movie.mp4") == folder.contents("movie.mp4"))
        #expect(report.chunksBySource.count == 3)
        #expect(report.bytesReceived == 6 << 20 + 5)
        #expect(sent.reduce(0, +) == report.manifest.chunkCount)
    }

    @Test("a source stopped mid-transfer fails alone; the others finish the file")
    func failover() async throws {
        let folder = try VideoFolder()
        defer { folder.remove() }
        let path = try folder.makeFile("movie.mp4", size: 8 << 20)
        let seeders = try Seeders(count: 3, library: Seeders.library([path], chunkSize: Self.chunk))
        let victim = seeders.services[0]
        let engine = TestEngine(name: "movie.mp4", expected: nil, sources: seeders.contacts, downloads: "\(folder.path)/down", options: Self.patient)
        let report = try await engine.run { progress in
            if progress.fraction > 0.3 { victim.stop() }
        }
        await seeders.stop()
        #expect(try folder.contents("down/movie.mp4") == folder.contents("movie.mp4"))
        #expect(report.failed.keys.contains("seed-1"))
        #expect(report.chunksBySource["seed-2", default: 0] > 0 && report.chunksBySource["seed-3", default: 0] > 0)
    }

    @Test("a cancelled download resumes from its progress record and fetches only what was missing")
    func resume() async throws {
        let folder = try VideoFolder()
        defer { folder.remove() }
        let size = 8 << 20 + 99
        let path = try folder.makeFile("movie.mp4", size: size)
        let seeders = try Seeders(count: 1, library: Seeders.library([path], chunkSize: Self.chunk))
        let engine = TestEngine(name: "movie.mp4", expected: nil, sources: seeders.contacts, downloads: "\(folder.path)/down", options: Self.patient)
        let stopAt = Lock<UInt64?>(nil)
        let canceller = Canceller()
        let first = Task {
            try await engine.run { progress in
                guard progress.fraction >= 0.4 else { return }
                stopAt.withLock { if $0 == nil { $0 = progress.bytesVerified } }
                canceller.cancel()
            }
        }
        canceller.set(first)
        let stopped = await first.result
        guard case let .failure(error as DownloadError) = stopped, case let .cancelled(verified, total) = error else {
            Issue.record("expected a cancelled download, got \(stopped)")
            return
        }
        #expect(verified > 0 && verified < total)
        #expect(folder.listing("down") == ["movie.mp4.part", "movie.mp4.part.progress"])
        let report = try await engine.run()
        await seeders.stop()
        #expect(try folder.contents("down/movie.mp4") == folder.contents("movie.mp4"))
        #expect(report.reusedChunks == verified)
        let before = try #require(stopAt.withLock { $0 })
        #expect(report.bytesReceived <= UInt64(size) - before)
        #expect(folder.listing("down") == ["movie.mp4"])
    }

    @Test("the progress record is trusted only for its own content, and a torn last entry is ignored", arguments: ["valid", "foreign", "no part"])
    func progressRecord(_ variant: String) async throws {
        let folder = try VideoFolder()
        defer { folder.remove() }
        let size = 10 * Int(Self.chunk) + 5
        let path = try folder.makeFile("movie.mp4", size: size)
        let library = try Seeders.library([path], chunkSize: Self.chunk)
        let manifest = library["movie.mp4"]!.manifest
        try AtomicFile.makeFolder("\(folder.path)/down")
        if variant != "no part" { try AtomicFile.write(folder.contents("movie.mp4"), to: "\(folder.path)/down/movie.mp4.part") }
        let content = variant == "foreign" ? [UInt8](repeating: 1, count: 32) : manifest.contentID.bytes
        let entries: [UInt8] = [0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 3, 0xE7, 0, 0]  // chunks 0, 1, 2, 999 (ignored), torn entry
        try AtomicFile.write(Array("LKVPROG1".utf8) + content + entries, to: "\(folder.path)/down/movie.mp4.part.progress")
        let seeders = try Seeders(count: 1, library: library)
        let report = try await TestEngine(name: "movie.mp4", expected: nil, sources: seeders.contacts, downloads: "\(folder.path)/down", options: Self.patient).run()
        await seeders.stop()
        let reused = variant == "valid" ? 3 : 0
        #expect(report.reusedChunks == reused)
        #expect(report.bytesReceived == UInt64(size - reused * Int(Self.chunk)))
        #expect(try folder.contents("down/movie.mp4") == folder.contents("movie.mp4"))
        #expect(folder.listing("down") == ["movie.mp4"])
    }

    @Test("an empty file downloads as an empty file")
    func emptyFile() async throws {
        let folder = try VideoFolder()
        defer { folder.remove() }
        let path = try folder.makeFile("empty", size: 0)
        let seeders = try Seeders(count: 1, library: Seeders.library([path], chunkSize: Self.chunk))
        let report = try await TestEngine(name: "empty", expected: nil, sources: seeders.contacts, downloads: "\(folder.path)/down").run()
        await seeders.stop()
        #expect(report.manifest.chunkCount == 0)
        #expect(try folder.contents("down/empty") == [])
    }

    @Test("names that could escape the downloads folder are refused before any connection", arguments: ["../x", "a/b", "", ".hidden", "..", "nul\u{0}byte"])
    func hostileNames(_ name: String) async throws {
        let engine = TestEngine(name: name, expected: nil, sources: [PeerContact(peer: "p", address: "127.0.0.1:1")], downloads: "/tmp/never")
        await #expect { try await engine.run() } throws: { error in
            guard case .invalidName(name, _)? = error as? DownloadError else { return false }
            return true
        }
    }

    @Test("no sources, no manifest, other content: each a clear error")
    func sourceErrors() async throws {
        let folder = try VideoFolder()
        defer { folder.remove() }
        await #expect(throws: DownloadError.noSources) {
            try await TestEngine(name: "a", expected: nil, sources: [], downloads: folder.path).run()
        }
        let dead = PeerContact(peer: "dead", address: try closedPort())
        await #expect { try await TestEngine(name: "a", expected: nil, sources: [dead], downloads: folder.path).run() } throws: { error in
            guard case let .manifestUnavailable("a", failures)? = error as? DownloadError else { return false }
            return failures.count == 1 && failures[0].contains("refused")
        }
        let path = try folder.makeFile("movie.mp4", size: 100_000)
        let seeders = try Seeders(count: 1, library: Seeders.library([path], chunkSize: Self.chunk))
        let wrong = ContentID([UInt8](repeating: 7, count: 32))
        let mismatch = await #expect(throws: DownloadError.self) {
            try await TestEngine(name: "movie.mp4", expected: ListedContent(contentID: wrong, size: 1), sources: seeders.contacts, downloads: "\(folder.path)/down").run()
        }
        if case let .contentMismatch(_, expected, offered)? = mismatch { #expect(expected == wrong && offered.count == 1) } else { Issue.record("\(String(describing: mismatch))") }
        await seeders.stop()
        #expect(folder.listing("down").isEmpty)
    }

    @Test("an unwritable downloads folder fails with a storage error and leaves nothing under the final name")
    func unwritableFolder() async throws {
        let folder = try VideoFolder()
        defer { folder.remove() }
        let path = try folder.makeFile("movie.mp4", size: 300_000)
        try folder.makeFile("blocker", size: 10)
        let seeders = try Seeders(count: 1, library: Seeders.library([path], chunkSize: Self.chunk))
        let engine = TestEngine(name: "movie.mp4", expected: nil, sources: seeders.contacts, downloads: "\(folder.path)/blocker/down")
        let error = await #expect(throws: DownloadError.self) { try await engine.run() }
        await seeders.stop()
        guard case let .storage(storage)? = error else { Issue.record("expected a storage error, got \(String(describing: error))"); return }
        #expect("\(storage)".contains("\(folder.path)/blocker"))
        #expect(folder.listing() == ["blocker", "movie.mp4"])
    }

    @Test("an existing file under the final name is not overwritten")
    func destinationExists() async throws {
        let folder = try VideoFolder()
        defer { folder.remove() }
        let path = try folder.makeFile("movie.mp4", size: 1000)
        let seeders = try Seeders(count: 1, library: Seeders.library([path], chunkSize: Self.chunk))
        let engine = TestEngine(name: "movie.mp4", expected: nil, sources: seeders.contacts, downloads: folder.path)
        await #expect(throws: DownloadError.destinationExists(path)) { try await engine.run() }
        await seeders.stop()
    }

    @Test("a source serving corrupt chunks is banned and the file still arrives intact")
    func corruptSource() async throws {
        let folder = try VideoFolder()
        defer { folder.remove() }
        let size = 4 << 20
        let path = try folder.makeFile("movie.mp4", size: size)
        var bad = try folder.contents("movie.mp4")
        for chunk in stride(from: 1, to: size / Int(Self.chunk), by: 2) { bad[chunk * Int(Self.chunk) + 17] ^= 0xFF }
        let liarPath = "\(folder.path)/liar.mp4"
        try AtomicFile.write(bad, to: liarPath)
        let library = try Seeders.library([path], chunkSize: Self.chunk)
        let honest = try Seeders(count: 2, library: library)
        let liar = try Seeders(count: 1, library: ["movie.mp4": LibraryEntry(manifest: library["movie.mp4"]!.manifest, path: liarPath)])
        let sources = [PeerContact(peer: "liar", address: liar.contacts[0].address)] + honest.contacts
        let report = try await TestEngine(name: "movie.mp4", expected: nil, sources: sources, downloads: "\(folder.path)/down", options: Self.patient).run()
        await honest.stop()
        await liar.stop()
        #expect(try folder.contents("down/movie.mp4") == folder.contents("movie.mp4"))
        #expect(report.banned == ["liar"])
    }

    @Test("a plan that stops handing out chunks fails the run instead of hanging")
    func stalledPlan() async throws {
        let folder = try VideoFolder()
        defer { folder.remove() }
        let path = try folder.makeFile("movie.mp4", size: 1 << 20)
        let seeders = try Seeders(count: 2, library: Seeders.library([path], chunkSize: Self.chunk))
        let engine = DownloadEngine<LazyPlan, TestHashing, TestFinisher>(name: "movie.mp4", expected: nil, sources: seeders.contacts,
                                                                         downloads: "\(folder.path)/down", options: Self.patient)
        let error = await #expect(throws: DownloadError.self) { try await engine.run() }
        await seeders.stop()
        guard case let .implementationError(reason)? = error else { Issue.record("\(String(describing: error))"); return }
        #expect(reason.contains("hands none"))
        #expect(!folder.listing("down").contains("movie.mp4"))
    }

    @Test("a role's todo stops the run with not implemented, keeping the part file")
    func unfinishedRole() async throws {
        let folder = try VideoFolder()
        defer { folder.remove() }
        let path = try folder.makeFile("movie.mp4", size: 1 << 20)
        let seeders = try Seeders(count: 1, library: Seeders.library([path], chunkSize: Self.chunk))
        let engine = DownloadEngine<UnfinishedPlan, TestHashing, TestFinisher>(name: "movie.mp4", expected: nil, sources: seeders.contacts,
                                                                               downloads: "\(folder.path)/down", options: Self.patient)
        await #expect(throws: DownloadError.notImplemented(NotImplemented(exercise: "6.1"))) { try await engine.run() }
        await seeders.stop()
        #expect(DownloadError.notImplemented(NotImplemented(exercise: "6.1")).description == "not implemented: exercise 6.1")
    }

    @Test("a chunk check's todo, thrown on a hashing thread, stops the run with not implemented (never a wrong answer)")
    func unfinishedHashing() async throws {
        let folder = try VideoFolder()
        defer { folder.remove() }
        let path = try folder.makeFile("movie.mp4", size: 1 << 20)
        let seeders = try Seeders(count: 2, library: Seeders.library([path], chunkSize: Self.chunk))
        let engine = DownloadEngine<TestPlan, UnfinishedHashing, TestFinisher>(name: "movie.mp4", expected: nil, sources: seeders.contacts,
                                                                               downloads: "\(folder.path)/down", options: Self.patient)
        await #expect(throws: DownloadError.notImplemented(NotImplemented(exercise: "4.2"))) { try await engine.run() }
        await seeders.stop()
        #expect(!folder.listing("down").contains("movie.mp4"))
    }
}

/// A plan that hands out the first chunk, then nothing.
struct LazyPlan: DownloadPlanning {
    var plan: TestPlan
    var handedOut = false
    init(manifest: Manifest, verified: Set<Int>) throws { plan = try TestPlan(manifest: manifest, verified: verified) }
    var remaining: Int { plan.remaining }
    mutating func nextChunk(for source: NodeID) throws -> Int? {
        guard !handedOut else { return nil }
        handedOut = true
        return try plan.nextChunk(for: source)
    }
    mutating func chunkArrived(_ index: Int, from source: NodeID) throws { try plan.chunkArrived(index, from: source) }
    mutating func sourceFailed(_ source: NodeID) throws { try plan.sourceFailed(source) }
    mutating func chunkCorrupt(_ index: Int, from source: NodeID) throws { try plan.chunkCorrupt(index, from: source) }
}

/// A plan whose `nextChunk` is a skeleton's todo.
struct UnfinishedPlan: DownloadPlanning {
    let remaining: Int
    init(manifest: Manifest, verified: Set<Int>) { remaining = manifest.chunkCount }
    mutating func nextChunk(for source: NodeID) throws -> Int? { try todo("6.1") }
    mutating func chunkArrived(_ index: Int, from source: NodeID) {}
    mutating func sourceFailed(_ source: NodeID) {}
    mutating func chunkCorrupt(_ index: Int, from source: NodeID) {}
}

/// Hashing whose chunk check is a skeleton's todo: it is called on Dispatch's threads, not the worker's task.
enum UnfinishedHashing: ChunkHashing {
    static func manifest(ofFileAt path: String, name: String, chunkSize: UInt32) throws -> Manifest {
        try TestHashing.manifest(ofFileAt: path, name: name, chunkSize: chunkSize)
    }
    static func isValid(_ bytes: UnsafeRawBufferPointer, chunk index: Int, of manifest: Manifest) throws -> Bool { try todo("4.2") }
}
