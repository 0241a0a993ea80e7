import LabKit
import Testing
import FileTransfer

/// Downloads against holders that lie or hang up, over loopback TCP: memory stays within the engine's bound
/// however many holders are listed, and a lying manifest decides nothing on disk.
@Suite(.timeLimit(.minutes(2))) struct HostileHolderTests {
    static let chunk: UInt32 = 64 << 10

    @Test("20 fake holders never make the engine fetch from more than maxSources at once; the honest one completes it")
    func manyFakeHolders() async throws {
        let folder = try VideoFolder()
        defer { folder.remove() }
        let path = try folder.makeFile("movie.mp4", size: 1 << 20)
        let library = try Seeders.library([path], chunkSize: Self.chunk)
        let manifest = library["movie.mp4"]!.manifest
        let fakes = try (0..<20).map { _ in try FakeHolder(manifest: manifest) }
        let honest = try Seeders(count: 1, library: library)
        let options = DownloadOptions(readTimeout: .seconds(60), chunkBuffers: 3, maxSources: 4)
        let sources = fakes.enumerated().map { PeerContact(peer: NodeID("fake-\($0.offset)"), address: "\($0.element.address)") }
            + [PeerContact(peer: "honest", address: honest.contacts[0].address)]
        let report = try await TestEngine(name: "movie.mp4", expected: ListedContent(of: manifest), sources: sources,
                                          downloads: "\(folder.path)/down", options: options).run()
        await honest.stop()
        for fake in fakes { await fake.stop() }
        #expect(report.chunksBySource == ["honest": manifest.chunkCount])
        #expect(Set(report.failed.keys) == Set(sources.dropLast().map(\.peer)), "every fake was tried, each in a free place")
        #expect(report.peakChunkMemory <= options.maxSources * options.chunkBuffers * Int(Self.chunk),
                "\(report.peakChunkMemory) bytes of chunk buffers at once")
        #expect(fakes.map(\.peakConnections).max()! <= 2, "one manifest connection, then one worker's, per holder")
    }

    @Test("holders that send nothing true make the download fail and leave no part file of the listed size behind")
    func onlyFakeHolders() async throws {
        let folder = try VideoFolder()
        defer { folder.remove() }
        let library = try Seeders.library([try folder.makeFile("movie.mp4", size: 1 << 20)], chunkSize: Self.chunk)
        let manifest = library["movie.mp4"]!.manifest
        let fakes = try (0..<3).map { _ in try FakeHolder(manifest: manifest) }
        let sources = fakes.enumerated().map { PeerContact(peer: NodeID("fake-\($0.offset)"), address: "\($0.element.address)") }
        await #expect(throws: DownloadError.self) {
            try await TestEngine(name: "movie.mp4", expected: ListedContent(of: manifest), sources: sources,
                                 downloads: "\(folder.path)/down", options: DownloadOptions(readTimeout: .seconds(60))).run()
        }
        for fake in fakes { await fake.stop() }
        #expect(folder.listing("down").isEmpty, "nothing to resume, nothing kept: \(folder.listing("down"))")
    }

    @Test("a manifest that disagrees with the listing, or has oversized chunks, is refused before any part file exists")
    func lyingManifest() async throws {
        let folder = try VideoFolder()
        defer { folder.remove() }
        // The listing says 1,000 bytes; the holder's manifest has the listed content ID but claims 64 GiB.
        let chunkSize: UInt32 = 4 << 20
        let huge = Manifest(name: "movie.mp4", size: 64 << 30, chunkSize: chunkSize,
                            chunkHashes: Array(repeating: [UInt8](repeating: 1, count: 32), count: Manifest.chunkCount(size: 64 << 30, chunkSize: chunkSize)))
        let oversized = Manifest(name: "movie.mp4", size: 64 << 20, chunkSize: 32 << 20, chunkHashes: Array(repeating: [UInt8](repeating: 2, count: 32), count: 2))
        for (lie, listed) in [(huge, ListedContent(contentID: huge.contentID, size: 1_000)), (oversized, ListedContent(of: oversized))] {
            let liar = try FakeHolder(manifest: lie)
            let error = await #expect(throws: DownloadError.self) {
                try await TestEngine(name: "movie.mp4", expected: listed, sources: [PeerContact(peer: "liar", address: "\(liar.address)")],
                                     downloads: "\(folder.path)/down").run()
            }
            await liar.stop()
            guard case let .manifestUnavailable(_, failures)? = error else {
                Issue.record("expected manifestUnavailable, got \(String(describing: error))")
                continue
            }
            #expect(failures.count == 1 && (failures[0].contains("the listing says 1000") || failures[0].contains("exceeds the limit")), "\(failures)")
            #expect(folder.listing("down").isEmpty, "no part file: \(folder.listing("down"))")
        }
    }
}

/// A hostile holder on loopback: answers every manifest request with `manifest` and hangs up at the first
/// chunk request, so the engine's worker for it ends at once and its place goes to the next source.
final class FakeHolder: Sendable {
    let address: SocketAddress
    private let listener: TCPListener
    private let manifest: Manifest
    private let state = Lock((open: [TCPConnection](), peak: 0, current: 0))
    private let accepting: Lock<Task<Void, Never>?> = Lock(nil)

    init(manifest: Manifest) throws {
        self.manifest = manifest
        listener = try TCPListener.bind(SocketAddress.parse("127.0.0.1:0"))
        address = listener.localAddress
        let task = Task { [self] in await acceptAll() }
        accepting.withLock { $0 = task }
    }

    /// The most connections this holder had open at once.
    var peakConnections: Int { state.withLock { $0.peak } }

    func stop() async {
        listener.close()
        for connection in state.withLock({ $0.open }) { connection.close() }
        await accepting.withLock { $0 }?.value
    }

    private func acceptAll() async {
        await withTaskGroup(of: Void.self) { group in
            while let connection = try? await listener.accept() {
                state.withLock { state in
                    state.open.append(connection)
                    state.current += 1
                    state.peak = max(state.peak, state.current)
                }
                group.addTask { [self] in
                    await serve(connection)
                    connection.close()
                    state.withLock { $0.current -= 1 }
                }
            }
        }
    }

    private func serve(_ connection: TCPConnection) async {
        var decoder = FrameDecoder()
        while let frame = try? await connection.readFrame(&decoder) {
            guard case .manifest = try? ChunkRequest.decode(frame) else { return }
            try? await connection.writeFrame(ChunkResponse.manifest(manifest).encoded(), timeout: .seconds(60))
        }
    }
}
