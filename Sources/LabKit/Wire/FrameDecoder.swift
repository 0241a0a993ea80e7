/// Splits a TCP byte stream into frames: each frame is a 4-byte big-endian length followed by that many bytes.
///
/// Feed it whatever the socket returned, in any chunk sizes, then take complete frames out:
/// ```swift
/// var decoder = FrameDecoder(maxFrameLength: 1 << 20)
/// decoder.append(bytesFromSocket)
/// while let frame = try decoder.nextFrame() { handle(frame) }
/// ```
/// The length is checked against the limit before any buffer is allocated for the frame; after an error the
/// stream is unusable and the connection should be closed.
public struct FrameDecoder: Sendable {
    /// The largest payload accepted, in bytes.
    public let maxFrameLength: Int
    private var buffer: [UInt8] = []
    private var start = 0
    private var failure: WireError?

    public init(maxFrameLength: Int = Frame.defaultLimit) {
        self.maxFrameLength = maxFrameLength
    }

    /// Bytes received but not yet returned as a frame.
    public var bufferedCount: Int { buffer.count - start }

    /// A decoder holding the same unread bytes with another limit: for a connection handed from one protocol
    /// to another (a mesh's stream to a chunk service) that accepts smaller frames.
    public func limited(to maxFrameLength: Int) -> FrameDecoder {
        var decoder = FrameDecoder(maxFrameLength: maxFrameLength)
        decoder.append(buffer[start...])
        decoder.failure = failure
        return decoder
    }

    /// Adds bytes read from the stream.
    public mutating func append(_ bytes: some Sequence<UInt8>) {
        if start > 0 && start >= buffer.count / 2 {
            buffer.removeFirst(start)
            start = 0
        }
        buffer.append(contentsOf: bytes)
    }

    /// The next complete frame's payload, or `nil` when more bytes are needed (nothing is consumed then).
    public mutating func nextFrame() throws(WireError) -> [UInt8]? {
        if let failure { throw failure }
        guard bufferedCount >= Frame.headerLength else { return nil }
        var length = 0
        for index in start..<(start + Frame.headerLength) { length = length << 8 | Int(buffer[index]) }
        guard length <= maxFrameLength else {
            let error = WireError.frameTooLarge(length: length, limit: maxFrameLength)
            failure = error
            throw error
        }
        guard bufferedCount >= Frame.headerLength + length else { return nil }
        let payloadStart = start + Frame.headerLength
        let payload = Array(buffer[payloadStart..<(payloadStart + length)])
        start = payloadStart + length
        if start == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            start = 0
        }
        return payload
    }
}

/// The length-prefixed frame format used on every TCP connection in the kit.
public enum Frame {
    /// Bytes in the length prefix.
    public static let headerLength = 4
    /// 16 MiB: the default largest frame payload.
    public static let defaultLimit = 16 << 20

    /// `payload` preceded by its 4-byte big-endian length.
    public static func encode(_ payload: some Collection<UInt8>) -> [UInt8] {
        precondition(payload.count <= UInt32.max, "frame payload of \(payload.count) bytes cannot be framed")
        var bytes: [UInt8] = []
        bytes.reserveCapacity(headerLength + payload.count)
        let length = UInt32(payload.count)
        bytes.append(contentsOf: [UInt8(length >> 24), UInt8(length >> 16 & 0xFF), UInt8(length >> 8 & 0xFF), UInt8(length & 0xFF)])
        bytes.append(contentsOf: payload)
        return bytes
    }
}
