import LabKit

/// One worker per source: its own connection, a few chunk buffers, a small pipeline of requests. While one
/// chunk arrives into a free buffer, the chunks before it are checked and written on Dispatch's threads, on
/// the other cores: hashing, the slowest step, never holds up a socket.
extension DownloadRun {
    /// Fetches chunks from `source` until the download is over or the source fails.
    func work(_ source: PeerContact, session: DownloadSession<Plan>, part: RandomAccessFile, flusher: ProgressFlusher,
              progress: @escaping @Sendable (DownloadProgress) -> Void) async {
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
        let chunkSize = Int(session.manifest.chunkSize)
        let memory = UnsafeMutableRawBufferPointer.allocate(byteCount: options.chunkBuffers * chunkSize, alignment: 64)
        session.buffersAllocated(memory.count)
        defer {
            memory.deallocate()
            session.buffersAllocated(-memory.count)
        }
        let buffers = (0..<options.chunkBuffers).map { UnsafeMutableRawBufferPointer(rebasing: memory[($0 * chunkSize)..<(($0 + 1) * chunkSize)]) }
        do {
            try await fetchChunks(from: source.peer, client: client, buffers: buffers, session: session, part: part, flusher: flusher, progress: progress)
            session.workerEnded(source.peer)
        } catch {
            end(source, after: error, session: session)
        }
    }

    /// The worker's loop: keep up to `pipelineDepth` requests outstanding, take each answer in order into a
    /// free buffer, and check it in a child task that hands the buffer back when done. The task group ends
    /// only after the last check, so the buffers outlive every task reading them.
    private func fetchChunks(from source: NodeID, client: ChunkClient, buffers: [UnsafeMutableRawBufferPointer],
                             session: DownloadSession<Plan>, part: RandomAccessFile, flusher: ProgressFlusher,
                             progress: @escaping @Sendable (DownloadProgress) -> Void) async throws {
        let manifest = session.manifest
        try await withThrowingTaskGroup(of: Int.self) { checks in
            var pending: [Int] = []
            var free = Array(buffers.indices)
            fetching: while !Task.isCancelled {
                refill: while pending.count < options.pipelineDepth {
                    switch session.next(for: source) {
                    case let .chunk(index):
                        try await client.send(.chunk(name: name, index: UInt32(index)))
                        pending.append(index)
                    case let .wait(generation):
                        guard pending.isEmpty else { break refill }
                        if free.count < buffers.count {  // a chunk being checked may change what the plan hands out
                            if let slot = try await checks.next() { free.append(slot) }
                            continue refill
                        }
                        // A banned source gets nothing more: its place goes to a source waiting its turn.
                        guard !session.isBanned(source), await session.waitForChange(after: generation) else { break fetching }
                    case .finished:
                        break fetching
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
                if free.isEmpty, let slot = try await checks.next() { free.append(slot) }
                let slot = free.removeLast()
                let bytes = UnsafeMutableRawBufferPointer(rebasing: buffers[slot][..<Int(length)])
                try await client.receivePayload(into: bytes, timeout: options.readTimeout)
                session.received(Int(length))
                // Safe: this loop writes into `slot` again only after the task has returned it from `checks.next()`.
                nonisolated(unsafe) let chunk = UnsafeRawBufferPointer(bytes)
                checks.addTask {
                    try await BlockingWork.computed {
                        try check(chunk, index: index, from: source, session: session, part: part, flusher: flusher, progress: progress)
                    }
                    return slot
                }
            }
            try await checks.waitForAll()
        }
    }

    /// Verifies chunk `index` and writes it at its offset, then tells the session; a corrupt chunk bans its source.
    private func check(_ bytes: UnsafeRawBufferPointer, index: Int, from source: NodeID, session: DownloadSession<Plan>,
                       part: RandomAccessFile, flusher: ProgressFlusher, progress: @Sendable (DownloadProgress) -> Void) throws {
        let manifest = session.manifest
        let valid: Bool
        do { valid = try isValid(bytes, index, manifest) } catch {
            session.fail(.role(error, in: "isValid(chunk: \(index))"))
            return
        }
        guard valid else {
            session.corrupt(index, from: source)
            return
        }
        try session.write(bytes, at: manifest.range(ofChunk: index).offset, to: part)
        if let batch = session.arrived(index, from: source) { flusher.submit(batch) }
        progress(session.progress(name: name))
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
