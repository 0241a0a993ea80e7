import Foundation

/// One `labrunner node …` child of a demo or a live scenario, or a grading worker: its output arrives line by line, its standard
/// input is a pipe whose end tells it the parent is gone (so no orphan outlives a killed parent).
package final class ChildProcess: Sendable {
    package let name: String
    // Process is not Sendable; every use below goes through the lock, or happens before the handlers start.
    private let process: Lock<Process>
    private let stdinPipe: Pipe
    private let exit = ExitWatch()

    /// How a child ended: its exit status, or the signal that killed it.
    package struct Ending: Sendable, Equatable, CustomStringConvertible {
        /// The exit status, or the signal's number when `bySignal`.
        package let status: Int32
        package let bySignal: Bool

        package init(status: Int32, bySignal: Bool) {
            self.status = status
            self.bySignal = bySignal
        }

        package var description: String { bySignal ? "was killed by signal \(status)" : "exited with status \(status)" }
    }

    /// The child's ending once known, whether all it printed has been delivered, and the tasks waiting for both.
    private final class ExitWatch: Sendable {
        struct State {
            var ending: Ending?
            var outputEnded = false
            var waiters: [CheckedContinuation<Int32, Never>] = []
            /// The ending, once the child has exited and its last line was delivered.
            var finished: Ending? { outputEnded ? ending : nil }
        }
        let state = Lock(State())

        /// Records an event; once the child is finished, wakes the tasks waiting for it.
        func update(_ change: (inout State) -> Void) {
            let woken = state.withLock { state -> (waiters: [CheckedContinuation<Int32, Never>], status: Int32)? in
                change(&state)
                guard let finished = state.finished else { return nil }
                defer { state.waiters = [] }
                return (state.waiters, finished.status)
            }
            if let woken { for waiter in woken.waiters { waiter.resume(returning: woken.status) } }
        }
    }

    /// Starts `executable arguments` as a child, in `directory` (this process's own when nil); `onLine` receives
    /// each line it prints (stdout and stderr, or only stdout when `onErrorLine` is given: then `onErrorLine`
    /// receives stderr's lines).
    package init(name: String, executable: String, arguments: [String], environment: [String: String], directory: String? = nil,
                 onLine: @escaping @Sendable (String) -> Void, onErrorLine: (@Sendable (String) -> Void)? = nil) throws {
        self.name = name
        // Typing into a child that has died must be an error, not a SIGPIPE that ends this process.
        Platform.ignoreBrokenPipeSignal()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment.merging(["LABRUNNER_PARENT_PIPE": "1"]) { $1 }
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory, isDirectory: true) }
        stdinPipe = Pipe()
        let output = Pipe()
        let errors = onErrorLine.map { _ in Pipe() }
        process.standardInput = stdinPipe
        process.standardOutput = output
        process.standardError = errors ?? output
        let exit = self.exit
        let streams = Lock(errors == nil ? 1 : 2)
        let ended: @Sendable () -> Void = {
            if streams.withLock({ $0 -= 1; return $0 }) == 0 { exit.update { $0.outputEnded = true } }
        }
        var readers = [Self.lineReader(output.fileHandleForReading, onLine: onLine, ended: ended)]
        if let errors, let onErrorLine { readers.append(Self.lineReader(errors.fileHandleForReading, onLine: onErrorLine, ended: ended)) }
        process.terminationHandler = { finished in
            let ending = Ending(status: finished.terminationStatus, bySignal: finished.terminationReason == .uncaughtSignal)
            exit.update { $0.ending = ending }
        }
        try SignalMask.unblocked { try process.run() }
        for reader in readers { reader.start() }
        self.process = Lock(process)
    }

    /// A thread of its own that reads `reading` to the end, line by line: a blocking read sees the end of the
    /// output for sure, where Foundation's readabilityHandler was seen to miss it now and then, leaving
    /// waitForExit() hanging.
    private static func lineReader(_ reading: FileHandle, onLine: @escaping @Sendable (String) -> Void,
                                   ended: @escaping @Sendable () -> Void) -> Thread {
        Thread {
            var pending: [UInt8] = []
            while true {
                let data = reading.readSome()
                if data.isEmpty { break }
                pending.append(contentsOf: data)
                while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                    onLine(String(decoding: pending[..<newline], as: UTF8.self))
                    pending.removeSubrange(...newline)
                }
            }
            if !pending.isEmpty { onLine(String(decoding: pending, as: UTF8.self)) }
            ended()
        }
    }

    /// The process id, for messages.
    package var pid: Int32 { process.withLock { $0.processIdentifier } }

    /// How the child ended, once it has exited and all it printed has reached `onLine`; `nil` until then.
    package var ending: Ending? { exit.state.withLock { $0.finished } }

    /// Types `line` into the child's standard input, as a person at its prompt would.
    package func send(_ line: String) {
        try? stdinPipe.fileHandleForWriting.write(contentsOf: Data((line + "\n").utf8))
    }

    /// Kills the child at once (SIGKILL), as a crash would.
    package func kill() {
        let pid = self.pid
        if exit.state.withLock({ $0.ending == nil }) { _ = Foundation.kill(pid, SIGKILL) }
    }

    /// Asks the child to stop (SIGTERM): it finishes cleanly and writes its trace.
    package func terminate() {
        let pid = self.pid
        if exit.state.withLock({ $0.ending == nil }) { _ = Foundation.kill(pid, SIGTERM) }
    }

    /// Waits for the child to exit and for all it printed to reach `onLine`; returns its exit status (the
    /// signal's number when killed).
    package func waitForExit() async -> Int32 {
        await withCheckedContinuation { continuation in
            let finished = exit.state.withLock { state in
                if state.finished == nil { state.waiters.append(continuation) }
                return state.finished
            }
            if let finished { continuation.resume(returning: finished.status) }
        }
    }
}
