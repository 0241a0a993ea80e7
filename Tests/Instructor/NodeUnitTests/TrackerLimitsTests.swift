import Testing
import VideoKit
import VideoSolution

/// The reference tracker, served for real over loopback TCP, against hostile clients that speak the frame
/// format by hand: oversize registrations are refused, and no search answer grows with what they registered.
@Suite(.timeLimit(.minutes(2))) struct TrackerLimitsTests {
    @Test("a JOIN beyond the file limit is dropped, an UPDATE beyond it refused; the tracker serves on")
    func oversizeRegistrations() async throws {
        try await withTracker { address in
            var fake = try await FakePeer(name: "fake", tracker: address)
            defer { fake.close() }
            try await fake.send(.join(address: "127.0.0.1:9", files: Self.files(TrackerLimits.filesPerPeer + 1)))
            try await fake.send(.join(address: "127.0.0.1:9", files: Self.files(TrackerLimits.filesPerPeer)))
            #expect(try await fake.receive() == .joined(ttl: Self.config.ttl), "the oversize JOIN has no answer; the one at the limit has")
            try await fake.send(.update(Self.file("extra")))
            #expect(try await fake.receive() == .refused(.tooManyFiles(limit: UInt32(TrackerLimits.filesPerPeer))))
            try await fake.send(.update(Self.file("f0007")))  // already listed: only a heartbeat, no answer
            try await fake.send(.search(requestID: 1, text: "extra"))
            #expect(try await fake.receive() == .results(requestID: 1, hits: [], more: false), "the refused file is not registered")
        }
    }

    @Test("peers joining under ever new names and hanging up fill the registry to its limit, then are refused")
    func churnedNamesAreBounded() async throws {
        try await withTracker { address in
            let full = TrackerLimits.files / TrackerLimits.filesPerPeer
            for index in 0...full {
                var fake = try await FakePeer(name: NodeID("churn-\(index)"), tracker: address)
                defer { fake.close() }
                try await fake.send(.join(address: "127.0.0.1:9", files: Self.files(TrackerLimits.filesPerPeer)))
                let answer = try await fake.receive()
                let expected: TrackerMessage = index < full
                    ? .joined(ttl: Self.config.ttl)
                    : .refused(.registryFull(peers: UInt32(TrackerLimits.peers), files: UInt32(TrackerLimits.files)))
                #expect(answer == expected, "JOIN \(index + 1)")
            }
            var late = try await FakePeer(name: "late", tracker: address)
            defer { late.close() }
            try await late.send(.join(address: "127.0.0.1:9", files: []))
            #expect(try await late.receive() == .joined(ttl: Self.config.ttl), "a JOIN that adds no file still fits")
            try await late.send(.search(requestID: 3, text: "f0001"))
            guard case let .results(_, hits, more) = try await late.receive() else {
                Issue.record("expected RESULTS")
                return
            }
            #expect(hits.count == 1 && hits[0].holders.count == TrackerLimits.holdersPerHit && more)
        }
    }

    @Test("a search over thousands of registered files is capped with a more marker, well within the frame limit")
    func hugeSearchIsCapped() async throws {
        try await withTracker { address in
            var fakes: [FakePeer] = []
            defer { for fake in fakes { fake.close() } }
            let holders = TrackerLimits.holdersPerHit + 5
            for index in 0..<holders {
                var fake = try await FakePeer(name: NodeID("fake-\(index)"), tracker: address)
                try await fake.send(.join(address: "127.0.0.1:\(9000 + index)", files: Self.files(TrackerLimits.filesPerPeer)))
                #expect(try await fake.receive() == .joined(ttl: Self.config.ttl))
                fakes.append(fake)
            }
            var searcher = fakes[0]
            try await searcher.send(.search(requestID: 7, text: ""))
            let (answer, bytes) = try await searcher.receiveSized()
            guard case let .results(requestID, hits, more) = answer else {
                Issue.record("expected RESULTS, got \(answer)")
                return
            }
            #expect(requestID == 7 && more)
            #expect(hits.count == TrackerLimits.hitsPerAnswer && hits.allSatisfy { $0.holders.count == TrackerLimits.holdersPerHit })
            #expect(bytes <= TrackerLimits.answerBytes + 128, "a RESULTS of \(bytes) bytes")
            try await searcher.send(.search(requestID: 8, text: "F0999"))
            guard case let .results(_, narrowed, stillMore) = try await searcher.receive() else {
                Issue.record("expected RESULTS")
                return
            }
            #expect(narrowed.map(\.file.name) == ["f0999.mp4"] && stillMore, "one file, holders capped at \(TrackerLimits.holdersPerHit) of \(holders)")
        }
    }

    /// A ttl no run outlasts, so that no registration expires under a slow machine.
    static let config = TrackerConfig(ttl: .seconds(3600))

    /// One file more than a peer may share: `f0000.mp4`, `f0001.mp4`, … Made once: building thousands of
    /// files in every test would hold a thread of the shared pool for seconds and starve the other suites.
    static let many: [SharedFile] = (0...TrackerLimits.filesPerPeer).map { index in
        let digits = String(index)
        return file("f" + String(repeating: "0", count: 4 - digits.count) + digits)
    }

    /// The first `count` of ``many``.
    static func files(_ count: Int) -> [SharedFile] { Array(many.prefix(count)) }

    /// A file whose content ID is its name's bytes, padded: distinct names, distinct contents.
    static func file(_ stem: String) -> SharedFile {
        SharedFile(name: "\(stem).mp4", size: 1 << 20, contentID: ContentID(Array(stem.utf8.prefix(32)) + Array(repeating: 0, count: 32 - min(32, stem.utf8.count))))
    }

    /// Runs `body` with the reference tracker listening on loopback TCP.
    func withTracker(_ body: (SocketAddress) async throws -> Void) async throws {
        let tracker = NodeShell(Tracker(config: Self.config),
                                configuration: .init(id: "tracker", listen: try SocketAddress.parse("127.0.0.1:0"), transport: .tcp)) { _ in }
        let address = try await tracker.start()
        async let serving: Void = tracker.run()
        do { try await body(address) } catch {
            await tracker.stop()
            try await serving
            throw error
        }
        await tracker.stop()
        try await serving
    }
}

/// A hostile peer: one TCP connection to the tracker, writing envelopes (sender, destination, message) in
/// frames, as a shell would, and reading the tracker's answers.
struct FakePeer {
    let name: NodeID
    let connection: TCPConnection
    var decoder = FrameDecoder(maxFrameLength: ConnectionLimits.standard.maxFrameLength)

    init(name: NodeID, tracker: SocketAddress) async throws {
        self.name = name
        connection = try await TCPConnection.connect(to: tracker, timeout: .seconds(60))
    }

    /// Sends `message` as a mesh frame: kind 0 (an envelope), sender, destination, message.
    func send(_ message: TrackerMessage) async throws {
        try await connection.writeFrame([0] + name.encoded() + NodeID("tracker").encoded() + message.encoded(), timeout: .seconds(60))
    }

    /// The next message the tracker sent, and the size of its frame's payload (skipping the mesh's kind-1
    /// frame, the ticket for this name).
    mutating func receiveSized() async throws -> (TrackerMessage, Int) {
        while true {
            guard let frame = try await connection.readFrame(&decoder, timeout: .seconds(60)) else { throw NetError.socketClosed }
            guard frame.first == 0 else { continue }
            var reader = WireReader(Array(frame.dropFirst()))
            let _: NodeID = try reader.read(), _: NodeID = try reader.read()
            return (try reader.read(), frame.count - 1)
        }
    }

    mutating func receive() async throws -> TrackerMessage { try await receiveSized().0 }

    func close() { connection.close() }
}
