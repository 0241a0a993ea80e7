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
}
