/// Runs work that can keep a thread busy for long — hashing a whole file, `fsync` of many megabytes — on a
/// thread of its own, so Swift's cooperative pool (as wide as the machine has cores) keeps serving sockets.
enum BlockingWork {
    /// The value of `body`, computed on a new thread; the caller's task waits without holding a pool thread.
    static func run<Value: Sendable, Failure: Error>(_ body: @escaping @Sendable () throws(Failure) -> Value) async throws(Failure) -> Value {
        let result: Result<Value, Failure> = await withCheckedContinuation { continuation in
            DedicatedThread.start {
                continuation.resume(returning: Result { () throws(Failure) -> Value in try body() })
            }
        }
        return try result.get()
    }
}
