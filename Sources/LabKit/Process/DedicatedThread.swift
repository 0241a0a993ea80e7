#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Starts work on a new operating-system thread of its own, never on Swift's cooperative pool,
/// for loops that block in the kernel (the pool has only as many threads as cores).
enum DedicatedThread {
    /// The closure handed to the new thread, kept alive by an unmanaged retain until the thread takes it.
    private final class Work: Sendable {
        let body: @Sendable () -> Void
        init(_ body: @escaping @Sendable () -> Void) { self.body = body }
    }

    /// Runs `body` on a new detached thread; a thread that cannot start is a broken invariant of the process.
    static func start(_ body: @escaping @Sendable () -> Void) {
        let work = Unmanaged.passRetained(Work(body)).toOpaque()
        #if canImport(Glibc)
        var thread = pthread_t()
        let result = pthread_create(&thread, nil, { raw in
            guard let raw else { return nil }
            Unmanaged<Work>.fromOpaque(raw).takeRetainedValue().body()
            return nil
        }, work)
        precondition(result == 0, "cannot start a thread: \(String(cString: strerror(result)))")
        pthread_detach(thread)
        #else
        var thread: pthread_t?
        let result = pthread_create(&thread, nil, { raw in
            Unmanaged<Work>.fromOpaque(raw).takeRetainedValue().body()
            return nil
        }, work)
        precondition(result == 0, "cannot start a thread: \(String(cString: strerror(result)))")
        if let thread { pthread_detach(thread) }
        #endif
    }
}
