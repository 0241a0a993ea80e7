import LabKit

/// Serving one connection: the request loop and the answers.
extension ChunkService {
    /// Answers requests on `connection` in order until the client leaves, misbehaves or the service stops;
    /// `decoder` holds the bytes read from it so far.
    func serve(_ connection: TCPConnection, decoder: FrameDecoder) async {
        var decoder = decoder
        let files = OpenFiles()
        defer { files.closeAll() }
        while true {
            let frame: [UInt8]
            do {
                guard let next = try await connection.readFrame(&decoder, timeout: idleTimeout) else { return }
                frame = next
                heard(connection)
            } catch {
                drop(connection, because: "\(error)", quietly: error is CancellationError || (error as? NetError) == .socketClosed)
                return
            }
            let request: Responder.Request
            do {
                request = try Responder.Request.decode(frame)
            } catch {
                drop(connection, because: "a request that does not decode (\(error))")
                return
            }
            let reply: ChunkReply
            do { reply = try await responder.reply(to: request) } catch { reply = .refused(.unreadable(name: request.name, reason: "\(error)")) }
            do {
                try await answer(request, with: reply, on: connection, files: files)
            } catch {
                drop(connection, because: "cannot answer \(request): \(error)",
                     quietly: error is CancellationError || (error as? NetError) == .socketClosed)
                return
            }
        }
    }

    /// Sends the response `reply` decides for `request`, then the chunk's bytes when it is a chunk.
    private func answer(_ request: Responder.Request, with reply: ChunkReply, on connection: TCPConnection, files: OpenFiles) async throws {
        switch reply {
        case let .manifest(manifest):
            count { $0.requests += 1 }
            try await connection.writeFrame(ChunkResponse.manifest(manifest).encoded(), timeout: idleTimeout)
        case let .refused(refusal):
            try await refuse(refusal, on: connection)
        case let .chunk(index, path, offset, length):
            guard length >= 0, length <= Int(UInt32.max), offset <= UInt64(Int64.max) - UInt64(length) else {
                log("the responder asked to send \(length) bytes at \(offset) for \(request): refused", connection)
                return try await refuse(.unreadable(name: request.name, reason: "the server cannot send that range"), on: connection)
            }
            let file: RandomAccessFile
            do {
                file = try files.open(path)
                let size = try file.size()
                guard size >= offset + UInt64(length) else {
                    return try await refuse(.unreadable(name: request.name, reason: "the file is shorter than shared (\(size) bytes): it changed"), on: connection)
                }
            } catch {
                log("cannot serve \(request) from \(path): \(error)", connection)
                return try await refuse(.unreadable(name: request.name, reason: "\(error)"), on: connection)
            }
            count { $0.requests += 1 }
            try await connection.writeFrame(ChunkResponse.chunk(index: index, length: UInt32(length)).encoded(), timeout: idleTimeout)
            try await file.lendingDescriptor { fd in
                try await connection.sendFile(descriptor: fd, offset: Int64(offset), count: Int64(length), timeout: idleTimeout)
            }
            count {
                $0.chunksSent += 1
                $0.bytesSent += UInt64(length)
            }
        }
    }

    private func refuse(_ refusal: ChunkRefusal, on connection: TCPConnection) async throws {
        count {
            $0.requests += 1
            $0.refusals += 1
        }
        try await connection.writeFrame(ChunkResponse.refused(refusal).encoded(), timeout: idleTimeout)
    }

    /// Closes `connection` after a failure, logging why unless the service itself closed it.
    private func drop(_ connection: TCPConnection, because reason: String, quietly: Bool = false) {
        connection.close()
        guard !quietly else { return }
        count { $0.droppedConnections += 1 }
        floodLog.say("dropped", "\(connection.remoteAddress): closing the connection: \(reason)")
    }
}

/// The files one connection has open, by path, so consecutive chunks of a file reuse one descriptor.
/// Used by one connection's task only.
final class OpenFiles {
    /// At most this many files stay open per connection.
    static let limit = 4
    private var files: [String: RandomAccessFile] = [:]

    /// The open file at `path`, opening it (and closing another) when needed.
    func open(_ path: String) throws(StorageError) -> RandomAccessFile {
        if let file = files[path] { return file }
        if files.count >= Self.limit, let (victim, file) = files.first {
            file.close()
            files[victim] = nil
        }
        let file = try RandomAccessFile.open(path, mode: .read)
        files[path] = file
        return file
    }

    func closeAll() {
        for file in files.values { file.close() }
        files.removeAll()
    }
}
