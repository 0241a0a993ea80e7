import LabKit
import Testing

@Suite struct FrameDecoderTests {
    /// Frames of every awkward size: empty ones, one byte, sizes around the 4-byte header, 255/256 (the
    /// low length byte rolling over), 64 KiB and 1 MiB, in a fixed order with empty frames between big ones.
    static let payloads: [[UInt8]] = {
        var random = SeededRandom(seed: 0xF4A3E)
        let sizes = [0, 1, 0, 3, 4, 5, 255, 256, 0, 1_000, 65_536, 0, 1 << 20, 0, 7, 2, 65_535, 1]
        return sizes.map { size in (0..<size).map { _ in UInt8.random(in: 0...255, using: &random) } }
    }()
    static let stream: [UInt8] = payloads.flatMap { Frame.encode($0) }

    @Test("frames encode as a 4-byte big-endian length and the payload")
    func encoding() {
        #expect(Frame.encode([UInt8]()) == [0, 0, 0, 0])
        #expect(Frame.encode([0xAB]) == [0, 0, 0, 1, 0xAB])
        #expect(Array(Frame.encode([UInt8](repeating: 9, count: 0x01_02_03)).prefix(5)) == [0, 1, 2, 3, 9])
    }

    @Test("a stream fed in any chunk size yields exactly the same frames in order",
          arguments: [1, 2, 3, 7, 64, 1_000, 65_536, stream.count])
    func chunkSizes(chunkSize: Int) throws {
        var decoder = FrameDecoder()
        var frames: [[UInt8]] = []
        var offset = 0
        while offset < Self.stream.count {
            let end = min(offset + chunkSize, Self.stream.count)
            decoder.append(Self.stream[offset..<end])
            offset = end
            while let frame = try decoder.nextFrame() { frames.append(frame) }
        }
        #expect(frames.count == Self.payloads.count)
        #expect(frames.map(\.count) == Self.payloads.map(\.count))
        #expect(frames == Self.payloads)
        #expect(decoder.bufferedCount == 0)
        #expect(try decoder.nextFrame() == nil)
    }

    @Test("chunk boundaries drawn at random do not change the frames", arguments: [11, 12, 13] as [UInt64])
    func randomChunks(seed: UInt64) throws {
        var random = SeededRandom(seed: seed)
        var decoder = FrameDecoder()
        var frames: [[UInt8]] = []
        var offset = 0
        while offset < Self.stream.count {
            let end = min(offset + Int.random(in: 1...5_000, using: &random), Self.stream.count)
            decoder.append(Self.stream[offset..<end])
            offset = end
            while let frame = try decoder.nextFrame() { frames.append(frame) }
        }
        #expect(frames == Self.payloads, "seed \(seed)")
    }

    @Test("an incomplete frame gives nil and consumes nothing until its last byte arrives")
    func incompleteFrame() throws {
        let payload: [UInt8] = [10, 20, 30, 40, 50]
        let bytes = Frame.encode(payload) + Frame.encode([7])
        var decoder = FrameDecoder()
        for (index, byte) in bytes.prefix(Frame.headerLength + payload.count - 1).enumerated() {
            decoder.append([byte])
            #expect(try decoder.nextFrame() == nil, "after \(index + 1) bytes")
            #expect(try decoder.nextFrame() == nil, "asking twice after \(index + 1) bytes")
            #expect(decoder.bufferedCount == index + 1)
        }
        decoder.append(bytes[(Frame.headerLength + payload.count - 1)...])
        #expect(try decoder.nextFrame() == payload)
        #expect(decoder.bufferedCount == 5)
        #expect(try decoder.nextFrame() == [7])
        #expect(try decoder.nextFrame() == nil)
        #expect(decoder.bufferedCount == 0)
    }

    @Test("a length over the limit throws as soon as the header arrives, and keeps throwing")
    func frameTooLarge() throws {
        var decoder = FrameDecoder(maxFrameLength: 1_024)
        decoder.append(Frame.encode([UInt8](repeating: 1, count: 1_024)))
        #expect(try decoder.nextFrame()?.count == 1_024)  // exactly at the limit is fine

        decoder.append([0x00, 0x00, 0x04])
        #expect(try decoder.nextFrame() == nil)  // three header bytes: not yet known
        decoder.append([0x01])  // 1_025 announced; none of the payload has arrived
        #expect(throws: WireError.frameTooLarge(length: 1_025, limit: 1_024)) { try decoder.nextFrame() }
        decoder.append([UInt8](repeating: 0, count: 1_025))
        #expect(throws: WireError.frameTooLarge(length: 1_025, limit: 1_024)) { try decoder.nextFrame() }
        decoder.append(Frame.encode([1, 2, 3]))
        #expect(throws: WireError.frameTooLarge(length: 1_025, limit: 1_024)) { try decoder.nextFrame() }
    }

    @Test("the largest possible announced length is rejected by the default limit without waiting for data")
    func hugeAnnouncedLength() {
        var decoder = FrameDecoder()
        decoder.append([0xFF, 0xFF, 0xFF, 0xFF])
        #expect(throws: WireError.frameTooLarge(length: Int(UInt32.max), limit: Frame.defaultLimit)) { try decoder.nextFrame() }
    }

    @Test("a decoder handed to a stricter protocol keeps its unread bytes and takes the new limit")
    func limited() throws {
        var decoder = FrameDecoder()
        decoder.append(Frame.encode([1, 2, 3]) + Frame.encode([UInt8](repeating: 9, count: 100)) + Frame.encode([4]))
        #expect(try decoder.nextFrame() == [1, 2, 3])
        var strict = decoder.limited(to: 50)
        #expect(strict.maxFrameLength == 50 && strict.bufferedCount == decoder.bufferedCount)
        #expect(throws: WireError.frameTooLarge(length: 100, limit: 50)) { try strict.nextFrame() }
        var loose = decoder.limited(to: 1_000)
        #expect(try loose.nextFrame()?.count == 100)
        #expect(try loose.nextFrame() == [4])
    }
}
