#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// The event loop behind every socket: one dedicated thread blocks in `poll()` over the descriptors that
/// tasks are waiting on, and resumes each waiting task when its socket becomes ready.
///
/// Sockets are non-blocking; an operation tries its system call first and only waits here after EAGAIN.
/// A self-pipe wakes the thread when a new waiter arrives, so nothing ever polls on a timer.
final class IOReactor: Sendable {
    /// What a task waits for on a descriptor.
    enum Interest: Sendable {
        case readable, writable
    }

    /// The process-wide reactor, started on first use.
    static let shared = IOReactor()

    private struct Waiter: Sendable {
        let id: UInt64
        let continuation: CheckedContinuation<Void, any Error>
        let deadline: IODeadline?
    }

    private struct Waiters {
        var readers: [Waiter] = []
        var writers: [Waiter] = []
        var isEmpty: Bool { readers.isEmpty && writers.isEmpty }
    }

    private struct State {
        var waiters: [Int32: Waiters] = [:]
        /// How many waiters have a deadline, so the loop skips the deadline scan when none do.
        var deadlineCount = 0
        /// True while the reactor thread is (about to be) blocked in `poll` with a snapshot of `waiters`.
        var isPolling = false
        /// True once someone has written to the wake pipe for the current `poll`, so others need not.
        var wakePending = false
    }

    /// A resumption decided under the lock and performed after it is released.
    private typealias Wakeup = (continuation: CheckedContinuation<Void, any Error>, error: (any Error)?)

    private let state = Lock(State())
    private let nextID = Atomic<UInt64>(0)
    private let wakeReader: Int32
    private let wakeWriter: Int32

    private init() {
        Platform.ignoreBrokenPipeSignal()
        var ends: [Int32] = [-1, -1]
        precondition(pipe(&ends) == 0, "the reactor cannot create its wake pipe: \(String(cString: strerror(errno)))")
        for end in ends {
            let flags = fcntl(end, F_GETFL)
            _ = fcntl(end, F_SETFL, flags | O_NONBLOCK)
            _ = fcntl(end, F_SETFD, FD_CLOEXEC)
        }
        wakeReader = ends[0]
        wakeWriter = ends[1]
        DedicatedThread.start { [self] in run() }
    }

    /// Suspends until `fd` is ready for `interest`. Throws `CancellationError` if the task is cancelled,
    /// `deadline`'s error when it passes, and `NetError.socketClosed` if `descriptor` is closed meanwhile.
    func wait(for interest: Interest, on fd: Int32, of descriptor: SocketDescriptor, until deadline: IODeadline?) async throws {
        let id = nextID.add(1, ordering: .relaxed).newValue
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                register(Waiter(id: id, continuation: continuation, deadline: deadline), for: interest, on: fd, of: descriptor)
            }
        } onCancel: {
            remove(id, on: fd, error: CancellationError())
        }
    }

    /// Fails every task waiting on `fd` with `error`; called when the descriptor is closed.
    func failWaiters(on fd: Int32, with error: NetError) {
        let (wakeups, mustWake) = state.withLock { state -> ([Wakeup], Bool) in
            guard let waiters = state.waiters.removeValue(forKey: fd) else { return ([], false) }
            let all = waiters.readers + waiters.writers
            state.deadlineCount -= all.count { $0.deadline != nil }
            return (all.map { ($0.continuation, error) }, Self.needsWake(&state))
        }
        if mustWake { wake() }
        resume(wakeups)
    }

    /// How many tasks are waiting on `fd`; lets tests know an operation is really suspended here.
    func waiterCount(on fd: Int32) -> Int {
        state.withLock { state in
            guard let waiters = state.waiters[fd] else { return 0 }
            return waiters.readers.count + waiters.writers.count
        }
    }

    private func register(_ waiter: Waiter, for interest: Interest, on fd: Int32, of descriptor: SocketDescriptor) {
        // Checked under the reactor's lock: a cancel or close that ran before this point is seen here, and one
        // that runs after it finds the waiter registered. Either way the task is woken exactly once.
        let outcome = state.withLock { state -> Result<Bool, any Error> in
            if Task.isCancelled { return .failure(CancellationError()) }
            if descriptor.isClosed { return .failure(NetError.socketClosed) }
            if let deadline = waiter.deadline, deadline.instant <= .now { return .failure(deadline.error) }
            switch interest {
            case .readable: state.waiters[fd, default: Waiters()].readers.append(waiter)
            case .writable: state.waiters[fd, default: Waiters()].writers.append(waiter)
            }
            if waiter.deadline != nil { state.deadlineCount += 1 }
            return .success(Self.needsWake(&state))
        }
        switch outcome {
        case let .failure(error): waiter.continuation.resume(throwing: error)
        case .success(true): wake()
        case .success(false): break
        }
    }

    private func remove(_ id: UInt64, on fd: Int32, error: any Error) {
        let (wakeup, mustWake) = state.withLock { state -> (Wakeup?, Bool) in
            guard var waiters = state.waiters[fd] else { return (nil, false) }
            let found: Waiter?
            if let index = waiters.readers.firstIndex(where: { $0.id == id }) {
                found = waiters.readers.remove(at: index)
            } else if let index = waiters.writers.firstIndex(where: { $0.id == id }) {
                found = waiters.writers.remove(at: index)
            } else {
                found = nil
            }
            guard let found else { return (nil, false) }
            state.waiters[fd] = waiters.isEmpty ? nil : waiters
            if found.deadline != nil { state.deadlineCount -= 1 }
            return ((found.continuation, error), Self.needsWake(&state))
        }
        if mustWake { wake() }
        if let wakeup { resume([wakeup]) }
    }

    /// Whether the caller must `wake()` the reactor after changing the waiters: true when a `poll` is running
    /// with an old snapshot and nobody has woken it yet. A removed descriptor must leave that snapshot
    /// promptly too: `poll` holds a reference to every file it watches, so a `close` would not release
    /// the socket (and send FIN to the peer) until `poll` returns.
    private static func needsWake(_ state: inout State) -> Bool {
        guard state.isPolling, !state.wakePending else { return false }
        state.wakePending = true
        return true
    }

    /// Interrupts the current `poll` so it picks up a changed set of waiters.
    private func wake() {
        var byte: UInt8 = 1
        _ = write(wakeWriter, &byte, 1)  // EAGAIN means the pipe already holds a wake-up: nothing lost.
    }

    private func drainWakePipe() {
        var bytes = (UInt64(0), UInt64(0), UInt64(0), UInt64(0))
        while read(wakeReader, &bytes, MemoryLayout.size(ofValue: bytes)) > 0 {}
    }

    private func resume(_ wakeups: [Wakeup]) {
        for (continuation, error) in wakeups {
            if let error { continuation.resume(throwing: error) } else { continuation.resume() }
        }
    }

    /// The reactor thread: snapshot the waiters, block in `poll`, resume the ready and the expired, repeat.
    private func run() {
        var polled: [pollfd] = []
        var wakeups: [Wakeup] = []
        while true {
            let timeout = state.withLock { state -> Int32 in
                polled.removeAll(keepingCapacity: true)
                polled.append(pollfd(fd: wakeReader, events: Int16(POLLIN), revents: 0))
                for (fd, waiters) in state.waiters {
                    let events = (waiters.readers.isEmpty ? 0 : Int16(POLLIN)) | (waiters.writers.isEmpty ? 0 : Int16(POLLOUT))
                    polled.append(pollfd(fd: fd, events: events, revents: 0))
                }
                state.isPolling = true
                return Self.pollTimeout(state)
            }
            let count = poll(&polled, nfds_t(polled.count), timeout)
            if count < 0 && errno != EINTR {
                preconditionFailure("poll failed in the reactor: \(String(cString: strerror(errno)))")
            }
            if polled[0].revents != 0 { drainWakePipe() }
            state.withLock { state in
                state.isPolling = false
                state.wakePending = false
                if count > 0 { Self.takeReady(polled.dropFirst(), from: &state, into: &wakeups) }
                if state.deadlineCount > 0 { Self.takeExpired(from: &state, into: &wakeups) }
            }
            resume(wakeups)
            wakeups.removeAll(keepingCapacity: true)
        }
    }

    /// `poll`'s timeout in milliseconds: until the earliest deadline, or -1 (forever) when none is set.
    private static func pollTimeout(_ state: State) -> Int32 {
        guard state.deadlineCount > 0 else { return -1 }
        let now = ContinuousClock.now
        var earliest = Int(Int32.max)
        for waiters in state.waiters.values {
            for waiter in waiters.readers + waiters.writers {
                if let deadline = waiter.deadline { earliest = min(earliest, deadline.millisecondsLeft(from: now)) }
            }
        }
        return Int32(earliest)
    }

    /// Moves the waiters whose descriptor `poll` reported ready into `wakeups`. Errors and hang-ups wake both
    /// directions: the retried system call then reports what happened.
    private static func takeReady(_ polled: ArraySlice<pollfd>, from state: inout State, into wakeups: inout [Wakeup]) {
        let failed = Int16(POLLERR) | Int16(POLLHUP) | Int16(POLLNVAL)
        for entry in polled where entry.revents != 0 {
            guard var waiters = state.waiters[entry.fd] else { continue }
            if entry.revents & (Int16(POLLIN) | failed) != 0 {
                state.deadlineCount -= waiters.readers.count { $0.deadline != nil }
                wakeups += waiters.readers.map { ($0.continuation, nil) }
                waiters.readers.removeAll()
            }
            if entry.revents & (Int16(POLLOUT) | failed) != 0 {
                state.deadlineCount -= waiters.writers.count { $0.deadline != nil }
                wakeups += waiters.writers.map { ($0.continuation, nil) }
                waiters.writers.removeAll()
            }
            state.waiters[entry.fd] = waiters.isEmpty ? nil : waiters
        }
    }

    /// Moves the waiters whose deadline has passed into `wakeups`, each with its timeout error.
    private static func takeExpired(from state: inout State, into wakeups: inout [Wakeup]) {
        let now = ContinuousClock.now
        func expire(_ list: inout [Waiter]) {
            list.removeAll { waiter in
                guard let deadline = waiter.deadline, deadline.instant <= now else { return false }
                wakeups.append((waiter.continuation, deadline.error))
                state.deadlineCount -= 1
                return true
            }
        }
        for fd in Array(state.waiters.keys) {
            guard var waiters = state.waiters[fd] else { continue }
            expire(&waiters.readers)
            expire(&waiters.writers)
            state.waiters[fd] = waiters.isEmpty ? nil : waiters
        }
    }
}
