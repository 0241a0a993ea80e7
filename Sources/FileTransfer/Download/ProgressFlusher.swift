import LabKit

/// Makes verified chunks durable in the background: flushes the part file, then appends the chunks to the
/// progress record, one batch at a time on a thread of its own. Workers hand batches over and go on
/// receiving; a flush never stalls a transfer. Batches handed over during a flush are merged into the next.
package final class ProgressFlusher: Sendable {
    private let queued = Lock<[Int]>([])
    private let signals: AsyncStream<Void>
    private let signal: AsyncStream<Void>.Continuation

    package init() {
        (signals, signal) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Queues `batch` for the next flush.
    package func submit(_ batch: [Int]) {
        queued.withLock { $0 += batch }
        signal.yield()
    }

    /// No more batches: ``run(flush:)`` returns once the queued ones are flushed.
    package func finish() {
        signal.finish()
    }

    /// Flushes queued batches with `flush` until ``finish()``; stops at the first error, which it returns.
    package func run(flush: ([Int]) async throws(StorageError) -> Void) async -> StorageError? {
        for await _ in signals {
            if let error = await flushQueued(flush) { return error }
        }
        return await flushQueued(flush)
    }

    /// Flushes whatever is queued (nothing if nothing is); the error, if the flush failed.
    private func flushQueued(_ flush: ([Int]) async throws(StorageError) -> Void) async -> StorageError? {
        let batch = queued.withLock { batch in defer { batch.removeAll() }; return batch }
        guard !batch.isEmpty else { return nil }
        do throws(StorageError) {
            try await flush(batch)
            return nil
        } catch {
            return error
        }
    }
}
