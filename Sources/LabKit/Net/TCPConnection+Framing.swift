/// Whole messages over a TCP stream, in the kit's length-prefixed `Frame` format.
extension TCPConnection {
    /// Sends `payload` as one frame: its 4-byte big-endian length, then its bytes; `timeout` bounds the write.
    public func writeFrame(_ payload: [UInt8], timeout: Duration? = nil) async throws {
        try await write(Frame.encode(payload), timeout: timeout)
    }

    /// The next frame's payload, reading from the stream as needed; `nil` when the peer closed the stream
    /// cleanly between frames.
    ///
    /// Keep one `decoder` per connection and pass it to every call: bytes of the next frame read early stay
    /// in it. Throws `NetError.truncatedFrame` when the stream ends inside a frame, `WireError.frameTooLarge`
    /// when a length exceeds the decoder's limit (before anything is allocated for it), and
    /// `NetError.timedOut` when `timeout` passes before a whole frame arrived. `holding`, if given, hears how
    /// many bytes of an unfinished frame the decoder holds after each read, and may throw to stop there.
    public func readFrame(_ decoder: inout FrameDecoder, timeout: Duration? = nil,
                          holding: ((Int) throws -> Void)? = nil) async throws -> [UInt8]? {
        if let frame = try decoder.nextFrame() { return frame }
        let deadline = IODeadline(operation: "readFrame", timeout: timeout)
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 << 10, alignment: 1)
        defer { chunk.deallocate() }
        while true {
            let count = try await receive(into: chunk, until: deadline)
            guard count > 0 else {
                if decoder.bufferedCount == 0 { return nil }
                throw NetError.truncatedFrame(received: decoder.bufferedCount)
            }
            decoder.append(UnsafeRawBufferPointer(rebasing: chunk[..<count]))
            if let frame = try decoder.nextFrame() { return frame }
            try holding?(decoder.bufferedCount)
        }
    }
}
