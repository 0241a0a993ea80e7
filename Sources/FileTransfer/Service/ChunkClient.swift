import LabKit

/// The downloader's end of one connection to a chunk server: sends ``ChunkRequest`` frames, reads
/// ``ChunkResponse`` frames, and reads the raw bytes that follow a `.chunk` response straight into the
/// caller's buffer (no frame, no copy through an array).
///
/// ```swift
/// let client = try await ChunkClient.connect(to: .parse("127.0.0.1:7000"))
/// defer { client.close() }
/// try await client.send(.chunk(name: "movie.mp4", index: 3))
/// if case let .chunk(_, length) = try await client.receive() {
///     try await client.receivePayload(into: UnsafeMutableRawBufferPointer(rebasing: buffer[..<Int(length)]))
/// }
/// ```
/// Requests may be pipelined: the server answers them in order. Use one task per client. Errors are
/// `NetError` (the connection) or `WireError` (a response that does not decode), or `CancellationError`.
public final class ChunkClient {
    /// The TCP connection, for graders that write raw bytes.
    public let connection: TCPConnection
    /// The largest response frame accepted: a manifest of a 512 GiB file in 1 MiB chunks.
    public let maxFrameLength: Int
    /// Bytes read from the socket but not yet consumed: the start of the next frame or of a chunk's bytes.
    private let staging: UnsafeMutableRawBufferPointer
    /// The length prefix of the frame being read.
    private let header: UnsafeMutableRawBufferPointer
    private var start = 0
    private var end = 0

    /// Wraps an open connection.
    public init(connection: TCPConnection, maxFrameLength: Int = Frame.defaultLimit) {
        self.connection = connection
        self.maxFrameLength = maxFrameLength
        staging = .allocate(byteCount: 64 << 10, alignment: 16)
        header = .allocate(byteCount: Frame.headerLength, alignment: 4)
    }

    deinit {
        staging.deallocate()
        header.deallocate()
    }

    /// Connects to the chunk server at `address`.
    public static func connect(to address: SocketAddress, timeout: Duration = .seconds(5)) async throws -> ChunkClient {
        ChunkClient(connection: try await TCPConnection.connect(to: address, timeout: timeout))
    }

    /// Sends one request frame.
    public func send(_ request: ChunkRequest) async throws {
        try await connection.writeFrame(request.encoded())
    }

    /// Sends one request frame of another protocol its server answers (a ``ChunkServing`` of that request).
    public func send<Request: NamedRequest>(_ request: Request) async throws {
        try await connection.writeFrame(request.encoded())
    }

    /// Reads the next response frame. `timeout` bounds each wait for bytes, not the whole frame.
    public func receive(timeout: Duration? = nil) async throws -> ChunkResponse {
        try await fill(header, timeout: timeout)
        let length = header.reduce(0) { $0 << 8 | Int($1) }
        guard length <= maxFrameLength else { throw WireError.frameTooLarge(length: length, limit: maxFrameLength) }
        let payload = UnsafeMutableRawBufferPointer.allocate(byteCount: max(length, 1), alignment: 1)
        defer { payload.deallocate() }
        let bytes = UnsafeMutableRawBufferPointer(rebasing: payload[..<length])
        try await fill(bytes, timeout: timeout)
        return try ChunkResponse.decode(UnsafeRawBufferPointer(bytes))
    }

    /// Reads exactly `buffer.count` raw bytes: the payload announced by a `.chunk` response.
    public func receivePayload(into buffer: UnsafeMutableRawBufferPointer, timeout: Duration? = nil) async throws {
        try await fill(buffer, timeout: timeout)
    }

    /// Closes the connection.
    public func close() {
        connection.close()
    }

    /// Fills `buffer` from the staged bytes first, then from the socket: small reads go through the staging
    /// buffer (one system call for many small frames), big ones straight into `buffer`.
    private func fill(_ buffer: UnsafeMutableRawBufferPointer, timeout: Duration?) async throws {
        var filled = 0
        while filled < buffer.count {
            if start < end {
                let take = min(end - start, buffer.count - filled)
                buffer.baseAddress!.advanced(by: filled).copyMemory(from: staging.baseAddress! + start, byteCount: take)
                start += take
                filled += take
                continue
            }
            let wanted = buffer.count - filled
            let count: Int
            if wanted >= staging.count {
                count = try await connection.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled...]), timeout: timeout)
                filled += count
            } else {
                count = try await connection.read(into: staging, timeout: timeout)
                start = 0
                end = count
            }
            if count == 0 { throw NetError.connectionClosed }
        }
    }
}
