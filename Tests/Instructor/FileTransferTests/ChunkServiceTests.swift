import Foundation
import LabKit
import Testing
import FileTransfer

@Suite(.timeLimit(.minutes(1))) struct ChunkServiceTests {
    /// A library of one 3 MiB + 5 file, `clip.bin`, served by one service.
    struct Fixture {
        let folder: VideoFolder
        let library: [String: LibraryEntry]
        let seeders: Seeders
        var service: ChunkService<TestResponder> { seeders.services[0] }
        var manifest: Manifest { library["clip.bin"]!.manifest }

        init(idleTimeout: Duration = .seconds(120)) throws {
            folder = try VideoFolder()
            library = try Seeders.library([folder.makeFile("clip.bin", size: 3 << 20 + 5)], chunkSize: 1 << 20)
            seeders = try Seeders(count: 1, library: library, idleTimeout: idleTimeout)
        }

        func client() async throws -> ChunkClient { try await ChunkClient.connect(to: service.localAddress!, timeout: .seconds(60)) }

        func finish() async {
            await seeders.stop()
            folder.remove()
        }
    }

    @Test("manifest and pipelined chunk requests are answered in order with the file's exact bytes")
    func servesChunks() async throws {
        let fixture = try Fixture()
        let client = try await fixture.client()
        try await client.send(.manifest(name: "clip.bin"))
        try await client.send(.chunk(name: "clip.bin", index: 3))
        try await client.send(.chunk(name: "clip.bin", index: 1))
        #expect(try await client.receive(timeout: .seconds(30)) == .manifest(fixture.manifest))
        let contents = try fixture.folder.contents("clip.bin")
        for index in [3, 1] {
            let (offset, length) = fixture.manifest.range(ofChunk: index)
            #expect(try await client.receive(timeout: .seconds(30)) == .chunk(index: UInt32(index), length: UInt32(length)))
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: length, alignment: 1)
            defer { buffer.deallocate() }
            try await client.receivePayload(into: buffer, timeout: .seconds(30))
            #expect(Array(buffer) == Array(contents[Int(offset)..<(Int(offset) + length)]))
        }
        client.close()
        #expect(fixture.service.statistics.chunksSent == 2)
        #expect(fixture.service.statistics.bytesSent == UInt64(1 << 20) + 5)
        await fixture.finish()
    }

    @Test("garbage and oversized frames close that connection only; the service goes on", arguments: [
        Frame.encode([0xEE, 1, 2, 3]),                 // an unknown request tag
        [0x7F, 0xFF, 0xFF, 0xFF],                      // a frame length of 2 GiB
        Array("GET / HTTP/1.1\r\n\r\n".utf8),          // not this protocol at all
    ])
    func hostileFrames(_ bytes: [UInt8]) async throws {
        let fixture = try Fixture()
        let bystander = try await fixture.client()
        let hostile = try await TCPConnection.connect(to: fixture.service.localAddress!, timeout: .seconds(60))
        try await hostile.write(bytes)
        let answer = try await hostile.read(maxBytes: 100, timeout: .seconds(30))
        #expect(answer.isEmpty, "the service should close the connection without answering")
        hostile.close()
        try await bystander.send(.manifest(name: "clip.bin"))
        #expect(try await bystander.receive(timeout: .seconds(30)) == .manifest(fixture.manifest))
        bystander.close()
        #expect(fixture.service.statistics.droppedConnections == 1)
        await fixture.finish()
    }

    @Test("a file that vanished is refused as unreadable; the connection stays usable")
    func vanishedFile() async throws {
        let fixture = try Fixture()
        try FileManager.default.removeItem(atPath: "\(fixture.folder.path)/clip.bin")
        let client = try await fixture.client()
        try await client.send(.chunk(name: "clip.bin", index: 0))
        guard case .refused(.unreadable("clip.bin", _)) = try await client.receive(timeout: .seconds(30)) else {
            Issue.record("expected an unreadable refusal")
            return
        }
        try await client.send(.manifest(name: "clip.bin"))
        #expect(try await client.receive(timeout: .seconds(30)) == .manifest(fixture.manifest))
        client.close()
        await fixture.finish()
    }

    @Test("a file that shrank is refused instead of sending a short chunk")
    func shrunkFile() async throws {
        let fixture = try Fixture()
        let file = try RandomAccessFile.open("\(fixture.folder.path)/clip.bin", mode: .readWrite)
        try file.truncate(to: 1 << 20)
        file.close()
        let client = try await fixture.client()
        try await client.send(.chunk(name: "clip.bin", index: 2))
        guard case .refused(.unreadable("clip.bin", _)) = try await client.receive(timeout: .seconds(30)) else {
            Issue.record("expected an unreadable refusal")
            return
        }
        client.close()
        await fixture.finish()
    }

    @Test("beyond maxConnections, the longest-silent connection is closed and a downloader is still served")
    func connectionLimit() async throws {
        let fixture = try Fixture()
        let limit = fixture.service.maxConnections
        var silent: [TCPConnection] = []
        for _ in 0..<(limit + 12) { silent.append(try await TCPConnection.connect(to: fixture.service.localAddress!, timeout: .seconds(60))) }
        let client = try await fixture.client()
        try await client.send(.manifest(name: "clip.bin"))
        #expect(try await client.receive(timeout: .seconds(30)) == .manifest(fixture.manifest))
        // Accepted in the order they connected: the 13 oldest made room for the 12 after them and the client.
        for connection in silent.prefix(13) { #expect(try await connection.read(maxBytes: 10, timeout: .seconds(30)).isEmpty) }
        #expect(fixture.service.statistics.droppedConnections == 13)
        for connection in silent { connection.close() }
        client.close()
        await fixture.finish()
    }

    @Test("a silent connection is closed after the idle timeout")
    func idleTimeout() async throws {
        let fixture = try Fixture(idleTimeout: .milliseconds(200))
        let silent = try await TCPConnection.connect(to: fixture.service.localAddress!, timeout: .seconds(60))
        #expect(try await silent.read(maxBytes: 10, timeout: .seconds(30)).isEmpty)
        silent.close()
        await fixture.finish()
    }

    @Test("a client that asks for chunks and stops reading them is dropped after the idle timeout, not held forever")
    func stalledReader() async throws {
        let fixture = try Fixture(idleTimeout: .milliseconds(200))
        let client = try await fixture.client()
        for request in 0..<40 { try await client.send(.chunk(name: "clip.bin", index: UInt32(request % 3))) }  // 40 whole MiB asked
        // Not reading: the server's writes block, then time out. Wait for it to give up (at most a minute).
        let deadline = ContinuousClock.now + .seconds(60)
        while fixture.service.statistics.droppedConnections == 0 && ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(fixture.service.statistics.droppedConnections == 1)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 1)
        defer { buffer.deallocate() }
        var received = 0, dropped = false
        while !dropped {
            do {
                let count = try await client.connection.read(into: buffer, timeout: .seconds(30))
                dropped = count == 0
                received += count
            } catch NetError.connectionReset {
                dropped = true  // closed with our unread requests still queued: a reset
            }
        }
        client.close()
        await fixture.finish()
        #expect(received < 40 << 20, "the server sent all \(received) bytes instead of dropping the stalled client")
    }

    @Test("stop closes connections in the middle of a transfer and run returns")
    func stopMidTransfer() async throws {
        let fixture = try Fixture()
        let client = try await fixture.client()
        try await client.send(.chunk(name: "clip.bin", index: 0))
        _ = try await client.receive(timeout: .seconds(30))
        fixture.service.stop()
        for task in fixture.seeders.tasks { await task.value }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 1)
        defer { buffer.deallocate() }
        var received = 0
        while received < buffer.count {
            let count = try await client.connection.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[received...]), timeout: .seconds(30))
            if count == 0 { break }
            received += count
        }
        #expect(received <= 1 << 20)
        await #expect(throws: (any Error).self) { try await TCPConnection.connect(to: fixture.service.localAddress!, timeout: .seconds(2)) }
        client.close()
        await fixture.finish()
    }

    @Test("share adds a file to a running service")
    func share() async throws {
        let fixture = try Fixture()
        let path = try fixture.folder.makeFile("new.bin", size: 10)
        let entry = try Seeders.library([path], chunkSize: 1 << 20)["new.bin"]!
        let client = try await fixture.client()
        try await client.send(.manifest(name: "new.bin"))
        #expect(try await client.receive(timeout: .seconds(30)) == .refused(.unknownFile("new.bin")))
        fixture.service.share(entry)
        try await client.send(.manifest(name: "new.bin"))
        #expect(try await client.receive(timeout: .seconds(30)) == .manifest(entry.manifest))
        client.close()
        await fixture.finish()
    }
}
