import Foundation

/// Starting child processes with a clean signal mask.
///
/// Swift's pool threads block most signals, and a child inherits the mask of the thread that starts it: a
/// child started from such a thread never sees the signals it relies on — `openssl speed` waits for a
/// `SIGALRM` that never comes, nginx ignores the `SIGTERM` meant to stop it.
package enum SignalMask {
    /// Runs `start` (which launches a child process) with no signal blocked on this thread, then restores
    /// the thread's mask.
    package static func unblocked<Value>(_ start: () throws -> Value) rethrows -> Value {
        var all = sigset_t()
        var saved = sigset_t()
        sigfillset(&all)
        pthread_sigmask(SIG_UNBLOCK, &all, &saved)
        defer { pthread_sigmask(SIG_SETMASK, &saved, nil) }
        return try start()
    }
}
