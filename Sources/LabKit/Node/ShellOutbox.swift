import Dispatch

/// Carries out a real node's sends and disk writes in their order, off the shell's actor: an `fsync` never
/// holds the executor that handles the node's events, and a message sent after a write leaves only once the
/// write is on disk (a crash never loses what a peer was told).
///
/// Sends go out at once while no write is waiting, else queued behind it. Only the shell's actor submits
/// work, so a send it makes directly can never overtake queued work.
final class ShellOutbox: Sendable {
    private struct State {
        /// Work queued and not finished yet.
        var queued = 0
        /// Set when a write failed, or the node stopped: later sends are skipped.
        var sendsStopped = false
    }

    private let queue = DispatchQueue(label: "labkit.node-outbox")
    private let state = Lock(State())

    /// Runs `send` now when nothing is queued, else after everything queued; never once sends stopped.
    func send(_ send: @escaping @Sendable () -> Void) {
        let now = state.withLock { state -> Bool? in
            if state.sendsStopped { return nil }
            if state.queued == 0 { return true }
            state.queued += 1
            return false
        }
        switch now {
        case nil: return
        case true?: send()
        case false?:
            queue.async { [self] in
                if !state.withLock({ $0.sendsStopped }) { send() }
                finished()
            }
        }
    }

    /// Queues `write`. If it throws, every later send is skipped and `failed` gets the error.
    func write(_ write: @escaping @Sendable () throws -> Void, failed: @escaping @Sendable (any Error) -> Void) {
        state.withLock { $0.queued += 1 }
        queue.async { [self] in
            do {
                try write()
            } catch {
                state.withLock { $0.sendsStopped = true }
                failed(error)
            }
            finished()
        }
    }

    /// Returns once everything queued has been carried out (sends after a failed write stay skipped); a node
    /// that stops right after sending — a LEAVE on the way out — still sends it.
    func finish() async {
        await withCheckedContinuation { continuation in queue.async { continuation.resume() } }
    }

    private func finished() {
        state.withLock { $0.queued -= 1 }
    }
}
