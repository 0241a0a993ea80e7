
/// Cancels a task from inside the work it runs (a progress callback), even when asked before the task's
/// handle was stored.
package final class Canceller: Sendable {
    private let state = Lock<(cancel: (@Sendable () -> Void)?, requested: Bool)>((nil, false))

    package init() {}

    package func set<Success, Failure>(_ task: Task<Success, Failure>) {
        let requested = state.withLock { state in
            state.cancel = { task.cancel() }
            return state.requested
        }
        if requested { task.cancel() }
    }

    package func cancel() {
        let cancel = state.withLock { state in
            state.requested = true
            return state.cancel
        }
        cancel?()
    }
}
