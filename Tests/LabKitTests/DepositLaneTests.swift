import DepositKit
import Foundation
@testable import LabKit
import Testing

/// A server that only holds blobs in its folder: every message that reaches its node is reported, so a test
/// sees that the fetches went to its data plane and not to it.
private struct Holder: NodeLogic {
    mutating func receive(_ message: DepositMessage, from sender: NodeID, _ ctx: inout NodeContext<DepositMessage, DepositMessage>) {
        ctx.deliver(message)
    }
}

/// Sends the fetches it is told to, and reports every answer.
private struct Fetcher: NodeLogic {
    struct Fetch: Sendable {
        let key: String
        let offset: UInt64
        let count: Int
    }

    mutating func command(_ fetch: Fetch, _ ctx: inout NodeContext<DepositMessage, DepositMessage>) {
        ctx.send(.fetch(key: fetch.key, offset: fetch.offset, count: fetch.count), to: "holder")
    }

    mutating func receive(_ message: DepositMessage, from sender: NodeID, _ ctx: inout NodeContext<DepositMessage, DepositMessage>) {
        ctx.deliver(message)
    }
}

/// What a shell reported, and a wait for enough of it.
private final class Reports: Sendable {
    private let state = Lock<[DepositMessage]>([])
    private let (stream, continuation) = AsyncStream<Void>.makeStream()

    var observer: @Sendable (ShellEvent<DepositMessage>) -> Void {
        { [self] event in
            if case let .output(message) = event {
                state.withLock { $0.append(message) }
                continuation.yield()
            }
        }
    }

    var messages: [DepositMessage] { state.withLock { $0 } }

    /// Waits until `count` messages came, for at most 60 s; returns them.
    func wait(for count: Int) async -> [DepositMessage] {
        let stream = self.stream
        _ = try? await withDeadline(.seconds(60)) { [self] in
            var events = stream.makeAsyncIterator()
            while messages.count < count { if await events.next() == nil { return } }
        }
        return messages
    }
}

@Suite struct DepositLaneTests {
    let loopback = try! SocketAddress.parse("127.0.0.1:0")
    let key = ClusterKey(passphrase: "the servers' secret")
    let piece = DepositLane.pieceSize

    /// A holder serving the blob folder of `folder` and a fetcher named `fetcher` (a server of the cluster when
    /// `keyed`), both running while `body` runs.
    private func withPair(folder: String, fetcher name: NodeID, keyed: Bool,
                          _ body: (NodeShell<Fetcher>, Reports, Reports, DepositLane) async throws -> Void) async throws {
        let holderReports = Reports(), fetcherReports = Reports()
        let lane = DepositLane(servers: keyed ? [name] : [], store: "\(folder)/blobs", clusterKeyed: true)
        var holding = NodeShell<Holder>.Configuration(id: "holder", listen: loopback, transport: .tcp,
                                                      peers: keyed ? [name: try SocketAddress.parse("127.0.0.1:9")] : [:], storageFolder: folder)
        holding.clusterKey = key
        holding.bulkLane = lane
        let holder = NodeShell(Holder(), configuration: holding, observer: holderReports.observer)
        let address = try await holder.start()
        var fetching = NodeShell<Fetcher>.Configuration(id: name, listen: loopback, transport: .tcp, peers: ["holder": address])
        if keyed { fetching.clusterKey = key }
        fetching.bulkLane = DepositLane(servers: ["holder"], clusterKeyed: keyed)
        let fetcher = NodeShell(Fetcher(), configuration: fetching, observer: fetcherReports.observer)
        try await fetcher.start()
        async let holderRun: Void = holder.run()
        async let fetcherRun: Void = fetcher.run()
        try await body(fetcher, fetcherReports, holderReports, lane)
        await fetcher.stop()
        await holder.stop()
        try await fetcherRun
        try await holderRun
    }

    private func folder() throws -> String {
        let path = NSTemporaryDirectory() + "lane-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path + "/blobs", withIntermediateDirectories: true)
        return path
    }

    @Test("a server's fetches of a committed blob travel on the data plane: every piece byte for byte, the last one short, none through the holder's node")
    func committedBlob() async throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var random = SeededRandom(seed: 12)
        let bytes = (0..<(2 * piece + 18_928)).map { _ in UInt8.random(in: 0 ... 255, using: &random) }
        try Data(bytes).write(to: URL(fileURLWithPath: "\(folder)/blobs/blob-a"))
        try await withPair(folder: folder, fetcher: "s2", keyed: true) { fetcher, reports, holderReports, lane in
            for offset in stride(from: 0, to: bytes.count, by: piece) {
                await fetcher.command(.init(key: "blob-a", offset: UInt64(offset), count: min(piece, bytes.count - offset)))
            }
            let answers = await reports.wait(for: 3)
            #expect(answers == stride(from: 0, to: bytes.count, by: piece).map {
                .piece(key: "blob-a", offset: UInt64($0), bytes: Array(bytes[$0..<min($0 + piece, bytes.count)]))
            })
            #expect(holderReports.messages.isEmpty, "the holder's node saw \(holderReports.messages)")
            // The service counts a piece once its last byte is written: it may be read before that.
            let deadline = ContinuousClock.now + .seconds(30)
            while lane.served.chunks < 3, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(10)) }
            #expect(lane.served.chunks == 3 && lane.served.bytes == UInt64(bytes.count))
        }
    }

    @Test("the bytes of a blob still arriving come once they are written, to a proven server; never to anyone else, and a name that could leave the store is refused")
    func partsOnlyToServers() async throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // Written once the holder runs: a store deletes the parts an earlier run left.
        let part = "\(folder)/blobs/upload-b.part"
        try await withPair(folder: folder, fetcher: "s2", keyed: true) { fetcher, reports, _, _ in
            try Data(repeating: 7, count: 1_000).write(to: URL(fileURLWithPath: part))
            await fetcher.command(.init(key: "upload-b", offset: 0, count: piece))
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: part))
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(repeating: 7, count: piece))
            try handle.close()
            #expect(await reports.wait(for: 1) == [.piece(key: "upload-b", offset: 0, bytes: Array(repeating: 7, count: piece))])
            // The short last piece comes from the part too, as soon as it is written (before the commit).
            await fetcher.command(.init(key: "upload-b", offset: UInt64(piece), count: 1_000))
            #expect(await reports.wait(for: 2).last == .piece(key: "upload-b", offset: UInt64(piece), bytes: Array(repeating: 7, count: 1_000)))
        }
        try await withPair(folder: folder, fetcher: "client", keyed: false) { fetcher, reports, holderReports, lane in
            try Data(repeating: 7, count: 2 * piece).write(to: URL(fileURLWithPath: part))
            await fetcher.command(.init(key: "upload-b", offset: 0, count: piece))
            await fetcher.command(.init(key: "..", offset: 0, count: piece))
            // Two blobs, two streams: their answers may come in either order.
            let answers = await reports.wait(for: 2)
            #expect(answers.count == 2 && answers.contains(.absent(key: "upload-b")) && answers.contains(.absent(key: "..")), "\(answers)")
            #expect(holderReports.messages.isEmpty && lane.served.chunks == 0)
        }
    }

    @Test("a connection that asks a node without a data plane for a stream, or asks after speaking on the mesh, is closed; the node serves on")
    func streamsAreRefused() async throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var laned = NodeShell<Holder>.Configuration(id: "holder", listen: loopback, transport: .tcp, storageFolder: folder)
        laned.bulkLane = DepositLane(servers: [], store: "\(folder)/blobs", clusterKeyed: false)
        for (configuration, speaksFirst) in [(NodeShell<Holder>.Configuration(id: "holder", listen: loopback, transport: .tcp), false), (laned, true)] {
            let reports = Reports()
            let holder = NodeShell(Holder(), configuration: configuration, observer: reports.observer)
            let address = try await holder.start()
            async let serving: Void = holder.run()
            /// A message envelope as a shell writes it: its frame kind (0), sender, destination, message.
            func envelope(from sender: NodeID) -> [UInt8] { [0] + sender.encoded() + NodeID("holder").encoded() + DepositMessage.catalogPull.encoded() }
            let asking = try await TCPConnection.connect(to: address, timeout: .seconds(60))
            if speaksFirst { try await asking.writeFrame(envelope(from: "asker")) }
            try await asking.writeFrame(FrameKind.stream.frame([]))
            var decoder = FrameDecoder()
            var closed = true
            do {
                while try await asking.readFrame(&decoder, timeout: .seconds(60)) != nil {}
            } catch NetError.timedOut { closed = false } catch {}
            #expect(closed, "the connection asking for a stream stayed open")
            asking.close()
            // The node still answers a real message.
            let speaker = try await TCPConnection.connect(to: address, timeout: .seconds(60))
            try await speaker.writeFrame(envelope(from: "speaker"))
            #expect(await reports.wait(for: speaksFirst ? 2 : 1) == Array(repeating: .catalogPull, count: speaksFirst ? 2 : 1))
            speaker.close()
            await holder.stop()
            try await serving
        }
    }
}
