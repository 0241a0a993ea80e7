import VideoKit

/// The grader's client for the chunk server scenarios: one connection, every wait bounded, and a skeleton's
/// "not implemented" refusal turned back into the `NotImplemented` it carries.
struct ChunkProbe {
    let client: ChunkClient

    static func connect(to contact: PeerContact) async throws -> ChunkProbe {
        ChunkProbe(client: try await ChunkClient.connect(to: SocketAddress.parse(contact.address), timeout: .seconds(5)))
    }

    /// Sends `request` and returns the answer.
    func ask(_ request: ChunkRequest) async throws -> ChunkResponse {
        try await client.send(request)
        return try await answer()
    }

    /// The next answer.
    func answer() async throws -> ChunkResponse {
        let response = try await client.receive(timeout: .seconds(10))
        if case let .refused(.unreadable(_, reason)) = response, let missing = NotImplemented(describedBy: reason) { throw missing }
        return response
    }

    /// The `length` raw bytes that follow a `.chunk` answer.
    func payload(_ length: Int) async throws -> [UInt8] {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(length, 1), alignment: 1)
        defer { buffer.deallocate() }
        let bytes = UnsafeMutableRawBufferPointer(rebasing: buffer[..<length])
        try await client.receivePayload(into: bytes, timeout: .seconds(10))
        return Array(bytes)
    }

    func close() { client.close() }
}
