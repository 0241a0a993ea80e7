/// One worker per source: its own connection, its own chunk buffer, a small pipeline of requests.
extension DownloadRun {
    /// Fetches chunks from `source` until the download is over or the source fails.
    func work(_ source: PeerContact, session: DownloadSession<Plan>, part: RandomAccessFile, record: ProgressRecord,
              progress: @Sendable (DownloadProgress) -> Void) async {
        let client: ChunkClient
        do {
            client = try await connect(to: source)
            session.register(source.peer, client.connection)
            let manifest = try await requestManifest(client)
            guard manifest.contentID == session.manifest.contentID else { throw SourceError.otherContent(manifest.contentID) }
        } catch {
            end(source, after: error, session: session)
            return
        }
        defer { client.close() }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: Int(session.manifest.chunkSize), alignment: 64)
        defer { buffer.deallocate() }
        do {
            try await fetchChunks(from: source.peer, client: client, buffer: buffer, session: session, part: part, record: record, progress: progress)
            session.workerEnded(source.peer)
        } catch {
            end(source, after: error, session: session)
        }
    }

    /// The worker's loop: keep up to `pipelineDepth` requests outstanding, take each answer in order.
    private func fetchChunks(from source: NodeID, client: ChunkClient, buffer: UnsafeMutableRawBufferPointer, session: DownloadSession<Plan>,
                             part: RandomAccessFile, record: ProgressRecord, progress: @Sendable (DownloadProgress) -> Void) async throws {
        let manifest = session.manifest
        var pending: [Int] = []
        while !Task.isCancelled {
            refill: while pending.count < options.pipelineDepth {
                switch session.next(for: source) {
                case let .chunk(index):
                    try await client.send(.chunk(name: name, index: UInt32(index)))
                    pending.append(index)
                case let .wait(generation):
                    guard pending.isEmpty else { break refill }
                    guard await session.waitForChange(after: generation) else { return }
                case .finished:
                    return
                }
            }
            let index = pending.removeFirst()
            let response = try await client.receive(timeout: options.readTimeout)
            guard case let .chunk(announced, length) = response else {
                if case let .refused(refusal) = response { throw Self.error(for: refusal) }
                throw SourceError.unexpected(response, wanted: "chunk \(index)")
            }
            guard announced == UInt32(index) else { throw SourceError.unexpected(response, wanted: "chunk \(index)") }
            guard length <= manifest.chunkSize else { throw SourceError.oversizedChunk(index: announced, length: length) }
            let bytes = UnsafeMutableRawBufferPointer(rebasing: buffer[..<Int(length)])
            try await client.receivePayload(into: bytes, timeout: options.readTimeout)
            session.received(Int(length))
            let valid = isValid(UnsafeRawBufferPointer(bytes), index, manifest)
            if session.checkRoles(after: "isValid(chunk: \(index))") { return }
            guard valid else {
                session.corrupt(index, from: source)
                continue
            }
            try part.write(at: manifest.range(ofChunk: index).offset, UnsafeRawBufferPointer(bytes))
            if let batch = session.arrived(index, from: source) {
                try await flush(batch, part: part, record: record)
            }
            progress(session.progress(name: name))
        }
    }

    /// Ends `source`'s worker after `error`: the download fails for errors of the whole download (storage, a
    /// missing exercise), the source alone fails for the others. Errors caused by the run ending are quiet.
    private func end(_ source: PeerContact, after error: any Error, session: DownloadSession<Plan>) {
        switch error {
        case let storage as StorageError:
            session.fail(.storage(storage))
            session.workerEnded(source.peer)
        case let download as DownloadError:
            session.fail(download)
            session.workerEnded(source.peer)
        case is CancellationError:
            session.workerEnded(source.peer)
        case NetError.socketClosed where session.fatal != nil:
            session.workerEnded(source.peer)
        default:
            session.sourceFailed(source.peer, reason: "\(error)")
        }
    }
}
