import Foundation

/// Reads standard input on a dedicated thread (never on Swift's small cooperative pool, where a blocking
/// read would stall every task).
enum StandardInput {
    /// Calls `handler` with each line typed, then `end` once input ends.
    static func lines(_ handler: @escaping @Sendable (String) -> Void, end: @escaping @Sendable () -> Void) {
        let thread = Thread {
            while let line = readLine() { handler(line) }
            end()
        }
        thread.name = "labrunner.stdin"
        thread.start()
    }

    /// Calls `end` once standard input ends, ignoring what it carries.
    static func watchForEnd(_ end: @escaping @Sendable () -> Void) {
        lines({ _ in }, end: end)
    }

    /// Calls `gone` once `parent` (read with `getppid()` when this process started) is no longer its parent:
    /// checked every 100 ms on a thread of its own, once the parent's pipe on standard input ended. The end
    /// alone is not trusted: under a test run's load a descriptor can be closed in the parent by mistake, and a
    /// node must not stop for that.
    static func whenParentGone(_ parent: pid_t, _ gone: @escaping @Sendable () -> Void) {
        let thread = Thread {
            while getppid() == parent { usleep(100_000) }
            gone()
        }
        thread.name = "labrunner.parent-watch"
        thread.start()
    }
}
