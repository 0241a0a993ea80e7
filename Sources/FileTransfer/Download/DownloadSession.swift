import LabKit

/// The shared state of one download run: the plan, what is verified, what each source is doing. Workers (one
/// per live source, each in its own task, at most `maxSources`) call it; a lock makes every call one step, so
/// the plan sees one event at a time, exactly as the `DownloadPlanning` contract promises.
final class DownloadSession<Plan: DownloadPlanning>: Sendable {
    /// What a worker should do next.
    enum Next: Equatable {
        /// Fetch this chunk.
        case chunk(Int)
        /// Nothing for this source now: wait for a change after `generation`.
        case wait(generation: UInt64)
        /// The download is over (complete, failed or cancelled): stop.
        case finished
    }

    private struct State {
        var plan: Plan
        var verified: Set<Int>
        var bytesVerified: UInt64
        var bytesReceived: UInt64 = 0
        var chunksBySource: [NodeID: Int] = [:]
        var banned: Set<NodeID> = []
        var failed: [NodeID: String] = [:]
        /// Sources whose worker has not ended.
        var live: Set<NodeID>
        /// Sources waiting for a place, in order: one takes the place of each live source that ends.
        var standby: [NodeID]
        /// The source that took the place of each ended source, until its worker picks it up.
        var replacements: [NodeID: NodeID] = [:]
        /// Chunk-buffer bytes the workers hold now, and the most they held at once.
        var chunkMemory = 0
        var peakChunkMemory = 0
        /// Chunks handed out to each source that have not ended yet.
        var outstanding: [NodeID: Int] = [:]
        /// Workers waiting for a change, by waiter number.
        var parked: [UInt64: CheckedContinuation<Void, Never>] = [:]
        var nextWaiter: UInt64 = 0
        /// Moves on at every change that could give a waiting source work.
        var generation: UInt64 = 0
        /// Verified chunks written to the part file but not yet in the progress record.
        var unrecorded: [Int] = []
        var lastFlush = ContinuousClock.now
        /// Each source's connection, closed at once when the run fails.
        var connections: [NodeID: TCPConnection] = [:]
        /// The error that ends the run, once there is one.
        var fatal: DownloadError?
    }

    let manifest: Manifest
    let options: DownloadOptions
    let reused: Int
    private let state: Lock<State>
    /// Held while a chunk is written: one writer at a time (see ``write(_:at:to:)``).
    private let writeTurn = Lock(())

    /// A session for `manifest` with `plan` built, the chunks of `verified` already on disk, and `sources`:
    /// the first `options.maxSources` live, the others waiting their turn.
    init(manifest: Manifest, plan: Plan, verified: Set<Int>, sources: [NodeID], options: DownloadOptions) {
        self.manifest = manifest
        self.options = options
        self.reused = verified.count
        let bytes = verified.reduce(UInt64(0)) { $0 + UInt64(manifest.range(ofChunk: $1).length) }
        state = Lock(State(plan: plan, verified: verified, bytesVerified: bytes, live: Set(sources.prefix(options.maxSources)),
                           standby: Array(sources.dropFirst(options.maxSources))))
    }

    /// Writes a verified chunk's `bytes` at `offset` in `part`, one writer at a time: the file system locks the
    /// file for each buffered write anyway, and threads queued on that kernel lock spin, burning the core
    /// another chunk's hash needs (8 % of a one-source download's time); here they sleep.
    func write(_ bytes: UnsafeRawBufferPointer, at offset: UInt64, to part: RandomAccessFile) throws(StorageError) {
        try writeTurn.withLock { _ throws(StorageError) in try part.write(at: offset, bytes) }
    }

    // MARK: Asking for work

    /// The next step for `source`'s worker.
    func next(for source: NodeID) -> Next {
        state.withLock { state in
            guard state.fatal == nil, state.plan.remaining > 0 else { return .finished }
            let chunk: Int?
            do { chunk = try state.plan.nextChunk(for: source) } catch {
                fail(&state, .role(error, in: "nextChunk(for: \(source))"))
                return .finished
            }
            guard let chunk else { return .wait(generation: state.generation) }
            guard chunk >= 0 && chunk < manifest.chunkCount else {
                fail(&state, .implementationError("nextChunk(for: \(source)) returned chunk \(chunk), but the file has chunks 0..<\(manifest.chunkCount)"))
                return .finished
            }
            state.outstanding[source, default: 0] += 1
            return .chunk(chunk)
        }
    }

    /// Waits until something changed after `generation`, or the run ends; returns false when the worker
    /// should stop. When every live worker would wait and no chunk is being fetched, nothing can change any
    /// more: the run fails (all usable sources gone, or a plan that hands nothing out).
    func waitForChange(after generation: UInt64) async -> Bool {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let wakeups = state.withLock { state -> [CheckedContinuation<Void, Never>] in
                    if state.generation != generation || state.fatal != nil || Task.isCancelled { return [continuation] }
                    if state.outstanding.values.allSatisfy({ $0 == 0 }) && state.parked.count + 1 >= state.live.count {
                        fail(&state, stalled(state))
                        return [continuation] + takeParked(&state)
                    }
                    state.parked[state.nextWaiter] = continuation
                    state.nextWaiter += 1
                    return []
                }
                for wakeup in wakeups { wakeup.resume() }
            }
        } onCancel: {
            for wakeup in state.withLock({ takeParked(&$0) }) { wakeup.resume() }
        }
        return state.withLock { $0.fatal == nil && $0.plan.remaining > 0 } && !Task.isCancelled
    }

    // MARK: Reporting what happened

    /// `source`'s worker is connected through `connection`.
    func register(_ source: NodeID, _ connection: TCPConnection) {
        let failed = state.withLock { state in
            state.connections[source] = connection
            return state.fatal != nil
        }
        if failed { connection.close() }
    }

    /// A worker allocated (or, negative, released) `bytes` of chunk buffers.
    func buffersAllocated(_ bytes: Int) {
        state.withLock { state in
            state.chunkMemory += bytes
            state.peakChunkMemory = max(state.peakChunkMemory, state.chunkMemory)
        }
    }

    /// The source that took `ended`'s place when its worker ended, if any: its worker runs next in the same task.
    func replacement(for ended: NodeID) -> NodeID? {
        state.withLock { $0.replacements.removeValue(forKey: ended) }
    }

    /// `count` chunk bytes arrived from a source.
    func received(_ count: Int) {
        state.withLock { $0.bytesReceived += UInt64(count) }
    }

    /// Chunk `index` from `source` was verified and written to the part file. Returns the chunks to flush and
    /// record now, if it is time.
    func arrived(_ index: Int, from source: NodeID) -> [Int]? {
        state.withLock { state in
            state.outstanding[source, default: 1] -= 1
            state.chunksBySource[source, default: 0] += 1
            do { try state.plan.chunkArrived(index, from: source) } catch { fail(&state, .role(error, in: "chunkArrived(\(index), from: \(source))")) }
            if state.verified.insert(index).inserted {
                state.bytesVerified += UInt64(manifest.range(ofChunk: index).length)
                state.unrecorded.append(index)
            }
            changed(&state)
            let due = state.unrecorded.count >= options.flushEvery || state.lastFlush.duration(to: .now) >= .seconds(1)
                || state.verified.count == manifest.chunkCount
            return due ? takeUnrecorded(&state) : nil
        }
    }

    /// Chunk `index` from `source` failed verification.
    func corrupt(_ index: Int, from source: NodeID) {
        state.withLock { state in
            state.outstanding[source, default: 1] -= 1
            state.banned.insert(source)
            do { try state.plan.chunkCorrupt(index, from: source) } catch { fail(&state, .role(error, in: "chunkCorrupt(\(index), from: \(source))")) }
            changed(&state)
        }
    }

    /// `source` broke for `reason`: its worker has ended and its chunks go back to the plan.
    func sourceFailed(_ source: NodeID, reason: String) {
        state.withLock { state in
            guard retire(&state, source) else { return }
            state.failed[source] = reason
            do { try state.plan.sourceFailed(source) } catch { fail(&state, .role(error, in: "sourceFailed(\(source))")) }
            changed(&state)
        }
    }

    /// `source`'s worker ended normally.
    func workerEnded(_ source: NodeID) {
        state.withLock { state in
            guard retire(&state, source) else { return }
            changed(&state)
        }
    }

    /// Ends the run with `error` (the first fatal error wins) and closes every source's connection.
    func fail(_ error: DownloadError) {
        let connections = state.withLock { state in
            fail(&state, error)
            return Array(state.connections.values)
        }
        for connection in connections { connection.close() }
    }

    /// Chunks verified but not yet recorded (all of them, for the final flush).
    func takeUnrecorded() -> [Int] {
        state.withLock { takeUnrecorded(&$0) }
    }

    // MARK: Reading the state

    /// The error that ended the run, if any.
    var fatal: DownloadError? { state.withLock { $0.fatal } }

    /// Whether `source` sent a corrupt chunk.
    func isBanned(_ source: NodeID) -> Bool { state.withLock { $0.banned.contains(source) } }

    /// The most chunk-buffer bytes the workers held at once.
    var peakChunkMemory: Int { state.withLock { $0.peakChunkMemory } }

    /// A snapshot for progress reports.
    func progress(name: String) -> DownloadProgress {
        state.withLock { state in
            DownloadProgress(name: name, bytesVerified: state.bytesVerified, totalBytes: manifest.size, bytesReceived: state.bytesReceived,
                             activeSources: state.live.subtracting(state.banned).count, chunksVerified: state.verified.count,
                             chunkCount: manifest.chunkCount)
        }
    }

    /// What the report needs once the workers are done.
    func outcome() -> (remaining: Int, verified: Int, bytesReceived: UInt64, chunksBySource: [NodeID: Int], banned: [NodeID], failed: [NodeID: String]) {
        state.withLock { state in
            (state.plan.remaining, state.verified.count, state.bytesReceived, state.chunksBySource, state.banned.sorted(), state.failed)
        }
    }

    // MARK: Helpers, called with the lock held

    /// Ends `source`'s place among the live sources and, while the run goes on, gives it to the first source
    /// waiting (in the same step, so no worker sees the sources shrink and stall). False if it had ended.
    private func retire(_ state: inout State, _ source: NodeID) -> Bool {
        guard state.live.remove(source) != nil else { return false }
        state.outstanding[source] = 0
        state.connections[source] = nil
        if state.fatal == nil, state.plan.remaining > 0, !state.standby.isEmpty {
            let next = state.standby.removeFirst()
            state.live.insert(next)
            state.replacements[source] = next
        }
        return true
    }

    private func changed(_ state: inout State) {
        state.generation += 1
        for wakeup in takeParked(&state) { wakeup.resume() }
    }

    private func takeParked(_ state: inout State) -> [CheckedContinuation<Void, Never>] {
        let parked = Array(state.parked.values)
        state.parked.removeAll()
        return parked
    }

    private func takeUnrecorded(_ state: inout State) -> [Int] {
        let batch = state.unrecorded
        state.unrecorded.removeAll()
        state.lastFlush = .now
        return batch
    }

    private func fail(_ state: inout State, _ error: DownloadError) {
        if state.fatal == nil { state.fatal = error }
        for wakeup in takeParked(&state) { wakeup.resume() }
    }

    /// The error when every live worker waits and nothing is being fetched.
    private func stalled(_ state: State) -> DownloadError {
        let usable = state.live.subtracting(state.banned)
        if usable.isEmpty {
            return .sourcesExhausted(remaining: state.plan.remaining, total: manifest.chunkCount, failures: failures(state))
        }
        return .implementationError("the plan still needs \(state.plan.remaining) chunk(s) but hands none to \(usable.sorted().map(\.description).joined(separator: ", ")), and none is being fetched")
    }

    /// One line per failed or banned source.
    private func failures(_ state: State) -> [String] {
        state.failed.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }
            + state.banned.sorted().map { "\($0): sent a corrupt chunk" }
    }

    /// One line per failed or banned source.
    var failures: [String] { state.withLock { failures($0) } }
}
