import LabKit
import Testing

@Suite(.timeLimit(.minutes(1))) struct TCPFramingTests {
    @Test("frames of every size come back whole and in order from an echo server")
    func echoFrames() async throws {
        let (client, server) = try await Loopback.connectedPair()
        defer { client.close(); server.close() }
        let sizes = [0, 1, 5, 1000, 70_000, 1 << 20, 3]
        let frames = sizes.enumerated().map { Loopback.pattern($0.element, seed: UInt64($0.offset)) }
        try await Loopback.bounded {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    var decoder = FrameDecoder()
                    while let frame = try await server.readFrame(&decoder, timeout: .seconds(60)) {
                        try await server.writeFrame(frame)
                    }
                    server.close()
                }
                group.addTask {
                    for frame in frames { try await client.writeFrame(frame) }
                    try client.shutdownWrite()
                }
                var decoder = FrameDecoder()
                var echoed: [[UInt8]] = []
                while let frame = try await client.readFrame(&decoder, timeout: .seconds(60)) { echoed.append(frame) }
                #expect(echoed == frames)
                try await group.waitForAll()
            }
        }
    }

    @Test("many small frames sent in one write are all returned, one per call")
    func gluedFrames() async throws {
        let (client, server) = try await Loopback.connectedPair()
        defer { client.close(); server.close() }
        try await client.write((0..<100).flatMap { Frame.encode([UInt8($0), 0xAB]) })
        try client.shutdownWrite()
        var decoder = FrameDecoder()
        for index in 0..<100 { #expect(try await server.readFrame(&decoder, timeout: .seconds(60)) == [UInt8(index), 0xAB]) }
        #expect(try await server.readFrame(&decoder, timeout: .seconds(60)) == nil)
    }

    @Test("a frame length over the decoder's limit fails with frameTooLarge before the payload arrives")
    func tooLarge() async throws {
        let (client, server) = try await Loopback.connectedPair()
        defer { client.close(); server.close() }
        try await client.write([0, 0, 0x07, 0xD0])  // announces 2000 bytes, sends none
        var decoder = FrameDecoder(maxFrameLength: 1024)
        await #expect(throws: WireError.frameTooLarge(length: 2000, limit: 1024)) {
            _ = try await server.readFrame(&decoder, timeout: .seconds(60))
        }
    }

    @Test("end of file inside a frame fails with truncatedFrame")
    func truncated() async throws {
        let (client, server) = try await Loopback.connectedPair()
        defer { client.close(); server.close() }
        try await client.write([0, 0, 0, 10, 1, 2, 3])
        try client.shutdownWrite()
        var decoder = FrameDecoder()
        await #expect(throws: NetError.truncatedFrame(received: 7)) {
            _ = try await server.readFrame(&decoder, timeout: .seconds(60))
        }
    }

    @Test("a readFrame with a timeout fails with timedOut when the frame does not complete in time")
    func frameTimeout() async throws {
        let (client, server) = try await Loopback.connectedPair()
        defer { client.close(); server.close() }
        try await client.write([0, 0, 0, 10, 1])
        var decoder = FrameDecoder()
        await #expect(throws: NetError.timedOut(operation: "readFrame", after: .milliseconds(100))) {
            _ = try await server.readFrame(&decoder, timeout: .milliseconds(100))
        }
    }
}
