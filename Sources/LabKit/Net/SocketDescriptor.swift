#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Owns one non-blocking file descriptor: lends it to operations, and closes it only once no operation is
/// using it, so a closed number is never reused by another socket under a running system call.
///
/// `close()` is safe to call twice and from any task; it fails every task waiting on the descriptor with
/// `NetError.socketClosed` instead of leaving it suspended forever.
final class SocketDescriptor: Sendable {
    private struct State {
        let fd: Int32
        var isClosed = false
        /// Operations currently using `fd`; the last one out closes it after `close()`.
        var borrowers = 0
    }

    private let state: Lock<State>
    private let reactor: IOReactor

    init(_ fd: Int32, reactor: IOReactor = .shared) {
        self.state = Lock(State(fd: fd))
        self.reactor = reactor
    }

    deinit {
        state.withLock { state in
            if !state.isClosed { Platform.closeDescriptor(state.fd) }
        }
    }

    /// True once `close()` has been called.
    var isClosed: Bool { state.withLock { $0.isClosed } }

    /// How many tasks are suspended in the reactor on this descriptor (0 once closed).
    var waiterCount: Int {
        let fd = state.withLock { $0.isClosed ? nil : $0.fd }
        return fd.map(reactor.waiterCount(on:)) ?? 0
    }

    /// Runs one synchronous system call with the descriptor, or throws `socketClosed` after `close()`.
    func withDescriptor<Result>(_ body: (Int32) throws(NetError) -> Result) throws(NetError) -> Result {
        let fd = try borrow()
        defer { release() }
        return try body(fd)
    }

    /// Repeats `attempt` — one non-blocking system call returning `nil` on EAGAIN — waiting in the reactor
    /// for `interest` between tries, until it returns a value or throws.
    func perform<Result>(_ interest: IOReactor.Interest, until deadline: IODeadline? = nil,
                         _ attempt: (Int32) throws(NetError) -> Result?) async throws -> Result {
        let fd = try borrow()
        defer { release() }
        while true {
            if let result = try attempt(fd) { return result }
            try await reactor.wait(for: interest, on: fd, of: self, until: deadline)
            if isClosed { throw NetError.socketClosed }
        }
    }

    /// Closes the descriptor (at once, or when the last running operation finishes) and wakes its waiters.
    func close() {
        let (fd, inUse) = state.withLock { state -> (Int32?, Bool) in
            guard !state.isClosed else { return (nil, false) }
            state.isClosed = true
            // While in use, close holds a borrow of its own so the number cannot be reused before the
            // waiters are failed; the last `release()` then closes it.
            if state.borrowers > 0 { state.borrowers += 1 }
            return (state.fd, state.borrowers > 0)
        }
        guard let fd else { return }
        if inUse {
            reactor.failWaiters(on: fd, with: .socketClosed)
            release()
        } else {
            Platform.closeDescriptor(fd)
        }
    }

    private func borrow() throws(NetError) -> Int32 {
        try state.withLock { state throws(NetError) -> Int32 in
            guard !state.isClosed else { throw .socketClosed }
            state.borrowers += 1
            return state.fd
        }
    }

    private func release() {
        let fd = state.withLock { state -> Int32? in
            state.borrowers -= 1
            return state.isClosed && state.borrowers == 0 ? state.fd : nil
        }
        if let fd { Platform.closeDescriptor(fd) }
    }
}
