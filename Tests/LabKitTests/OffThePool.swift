import Dispatch

/// Runs a task's work on a Dispatch serial queue of its own, so a test that blocks — `fsync` under a loaded disk
/// can take seconds — holds none of the cooperative pool's threads (2 here) that the socket tests beside it need.
final class BlockingQueueExecutor: TaskExecutor, @unchecked Sendable {
    static let shared = BlockingQueueExecutor()
    private let queue = DispatchQueue(label: "tests.blocking")

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}

/// The value of `body`, run off the cooperative pool; the test's task-locals (its current test, for `#expect`)
/// go with it, as it is the same task.
func offThePool<Value>(_ body: () throws -> Value) async throws -> Value {
    try await withTaskExecutorPreference(BlockingQueueExecutor.shared) { try body() }
}
