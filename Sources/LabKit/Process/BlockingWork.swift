import Dispatch

/// Runs work that can keep a thread busy for long — hashing a whole file, `fsync` of many megabytes — on a
/// thread of its own, so Swift's cooperative pool (as wide as the machine has cores) keeps serving sockets.
package enum BlockingWork {
    /// The value of `body`, computed on a new thread; the caller's task waits without holding a pool thread.
    /// Cancelling the caller stops the wait at once with `CancellationError` (the thread runs on, its result
    /// dropped): for code that may never return, such as a student's loop under a grader's deadline.
    package static func abandonable<Value: Sendable, Failure: Error>(_ body: @escaping @Sendable () throws(Failure) -> Value) async throws -> Value {
        let waiter = Lock<CheckedContinuation<Result<Value, Failure>, any Error>?>(nil)
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Result<Value, Failure>, any Error>) in
                waiter.withLock { $0 = continuation }
                if Task.isCancelled, let continuation = waiter.withLock({ $0.take() }) {
                    continuation.resume(throwing: CancellationError())
                    return
                }
                DedicatedThread.start {
                    let result = Result { () throws(Failure) -> Value in try body() }
                    waiter.withLock { $0.take() }?.resume(returning: result)
                }
            }
        } onCancel: {
            waiter.withLock { $0.take() }?.resume(throwing: CancellationError())
        }.get()
    }

    /// The result of `body`, computed on a new thread; the wait ignores cancellation.
    private static func result<Value: Sendable, Failure: Error>(_ body: @escaping @Sendable () throws(Failure) -> Value) async -> Result<Value, Failure> {
        await withCheckedContinuation { continuation in
            DedicatedThread.start {
                continuation.resume(returning: Result { () throws(Failure) -> Value in try body() })
            }
        }
    }

    /// The value of `body`, computed on one of Dispatch's shared threads (about as many as cores): for short
    /// CPU-bound steps such as hashing a chunk, too frequent for a thread each, that must not hold up the
    /// cooperative pool serving the sockets. The wait ignores cancellation.
    package static func computed<Value: Sendable, Failure: Error>(_ body: @escaping @Sendable () throws(Failure) -> Value) async throws(Failure) -> Value {
        let result = await withCheckedContinuation { (continuation: CheckedContinuation<Result<Value, Failure>, Never>) in
            DispatchQueue.global().async {
                continuation.resume(returning: Result { () throws(Failure) -> Value in try body() })
            }
        }
        return try result.get()
    }

    /// The value of `body`, computed on a new thread; the wait ignores cancellation, so work such as a final
    /// flush completes even when the caller is cancelled.
    package static func value<Value: Sendable, Failure: Error>(_ body: @escaping @Sendable () throws(Failure) -> Value) async throws(Failure) -> Value {
        try await result(body).get()
    }
}
