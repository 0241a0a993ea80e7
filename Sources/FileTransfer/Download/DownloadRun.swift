import LabKit

/// One download, as ``DownloadEngine/run(progress:)`` performs it: the engine's settings with the hashing and
/// finishing roles bound as functions, so workers and threads can call them.
struct DownloadRun<Plan: DownloadPlanning>: Sendable {
    let name: String
    let expected: ListedContent?
    let sources: [PeerContact]
    let downloads: String
    let options: DownloadOptions
    /// `Hashing.isValid`.
    let isValid: @Sendable (UnsafeRawBufferPointer, Int, Manifest) throws -> Bool
    /// `Finisher.finish(partFile:manifest:destination:)`.
    let finish: @Sendable (String, Manifest, String) throws -> Void

    var destination: String { "\(downloads)/\(name)" }
    var partFile: String { "\(destination).part" }
    var progressFile: String { ProgressRecord.path(forPart: partFile) }

    /// The whole run.
    func run(progress: @escaping @Sendable (DownloadProgress) -> Void) async throws(DownloadError) -> DownloadReport {
        let started = ContinuousClock.now
        let manifest: Manifest
        do throws(DownloadError) {
            manifest = try await fetchManifest()
        } catch {
            if Task.isCancelled { throw .cancelled(verified: 0, total: 0) }
            throw error
        }
        let (part, record, verified) = try await openStorage(for: manifest)
        let plan: Plan
        do { plan = try Plan(manifest: manifest, verified: verified) } catch {
            close(part, record)
            throw .role(error, in: "Plan(manifest:verified:)")
        }

        let session = DownloadSession(manifest: manifest, plan: plan, verified: verified, sources: sources.map(\.peer),
                                      options: options)
        progress(session.progress(name: name))
        let flusher = ProgressFlusher()
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                let failure = await flusher.run { batch throws(StorageError) in try await flush(batch, part: part, record: record) }
                if let failure { session.fail(.storage(failure)) }
            }
            // At most `maxSources` workers at once; a worker whose source ended hands its place to the next one.
            let contacts = Dictionary(sources.map { ($0.peer, $0) }, uniquingKeysWith: { first, _ in first })
            await withTaskGroup(of: Void.self) { workers in
                for first in sources.prefix(options.maxSources) {
                    workers.addTask {
                        var source = first
                        while true {
                            await work(source, session: session, part: part, flusher: flusher, progress: progress)
                            guard !Task.isCancelled, let next = session.replacement(for: source.peer), let contact = contacts[next] else { break }
                            source = contact
                        }
                    }
                }
            }
            flusher.finish()
        }
        do {
            try await flush(session.takeUnrecorded(), part: part, record: record)
        } catch {
            session.fail(.storage(error))
        }
        let outcome = session.outcome()
        if Task.isCancelled {
            abandon(part, record, verified: outcome.verified)
            throw .cancelled(verified: outcome.verified, total: manifest.chunkCount)
        }
        if let fatal = session.fatal {
            abandon(part, record, verified: outcome.verified)
            throw fatal
        }
        guard outcome.remaining == 0 else {
            abandon(part, record, verified: outcome.verified)
            throw .sourcesExhausted(remaining: outcome.remaining, total: manifest.chunkCount, failures: session.failures)
        }
        guard outcome.verified == manifest.chunkCount else {
            close(part, record)
            throw .implementationError("the plan has no chunk left, but only \(outcome.verified) of \(manifest.chunkCount) chunks were verified")
        }
        close(part, record)
        try await finalize(manifest)
        return DownloadReport(path: destination, manifest: manifest, bytesReceived: outcome.bytesReceived,
                              chunksBySource: outcome.chunksBySource, banned: outcome.banned, failed: outcome.failed,
                              reusedChunks: session.reused, duration: started.duration(to: .now), peakChunkMemory: session.peakChunkMemory)
    }

    private func close(_ part: RandomAccessFile, _ record: ProgressRecord) {
        part.close()
        record.close()
    }

    /// Closes a download that failed: its part file stays for a resume only if it holds a verified chunk, so
    /// holders that sent nothing true (all banned, say) leave no file of the size they listed behind.
    private func abandon(_ part: RandomAccessFile, _ record: ProgressRecord, verified: Int) {
        close(part, record)
        guard verified == 0 else { return }
        AtomicFile.remove(partFile)
        AtomicFile.remove(progressFile)
    }
}
