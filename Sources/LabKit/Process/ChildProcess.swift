import Foundation
import Synchronization

/// One `labrunner node …` child of a demo or a live scenario: its output arrives line by line, its standard
/// input is a pipe whose end tells it the parent is gone (so no orphan outlives a killed parent).
package final class ChildProcess: Sendable {
    package let name: String
    // Process is not Sendable; every use below goes through the lock, or happens before the handlers start.
    private let process: Mutex<Process>
    private let stdinPipe: Pipe
    private let exit = ExitWatch()

    /// The child's exit status once known, and the tasks waiting for it.
    private final class ExitWatch: Sendable {
        let state = Mutex<(status: Int32?, waiters: [CheckedContinuation<Int32, Never>])>((nil, []))
    }

    /// Starts `executable arguments` as a child; `onLine` receives each line it prints (stdout and stderr).
    package init(name: String, executable: String, arguments: [String], environment: [String: String],
                 onLine: @escaping @Sendable (String) -> Void) throws {
        self.name = name
        // Typing into a child that has died must be an error, not a SIGPIPE that ends this process.
        Platform.ignoreBrokenPipeSignal()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment.merging(["LABRUNNER_PARENT_PIPE": "1"]) { $1 }
        stdinPipe = Pipe()
        let output = Pipe()
        process.standardInput = stdinPipe
        process.standardOutput = output
        process.standardError = output
        let pending = Mutex<[UInt8]>([])
        output.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            if data.isEmpty {
                handle.readabilityHandler = nil
                let rest = pending.withLock { bytes in defer { bytes = [] }; return bytes }
                if !rest.isEmpty { onLine(String(decoding: rest, as: UTF8.self)) }
                return
            }
            let lines = pending.withLock { bytes -> [String] in
                bytes.append(contentsOf: data)
                var lines: [String] = []
                while let newline = bytes.firstIndex(of: UInt8(ascii: "\n")) {
                    lines.append(String(decoding: bytes[..<newline], as: UTF8.self))
                    bytes.removeSubrange(...newline)
                }
                return lines
            }
            lines.forEach(onLine)
        }
        let exit = self.exit
        process.terminationHandler = { finished in
            let status = finished.terminationStatus
            let waiters = exit.state.withLock { state in
                state.status = status
                defer { state.waiters = [] }
                return state.waiters
            }
            for waiter in waiters { waiter.resume(returning: status) }
        }
        try SignalMask.unblocked { try process.run() }
        self.process = Mutex(process)
    }

    /// The process id, for messages.
    package var pid: Int32 { process.withLock { $0.processIdentifier } }

    /// Types `line` into the child's standard input, as a person at its prompt would.
    package func send(_ line: String) {
        try? stdinPipe.fileHandleForWriting.write(contentsOf: Data((line + "\n").utf8))
    }

    /// Kills the child at once (SIGKILL), as a crash would.
    package func kill() {
        let pid = self.pid
        if exit.state.withLock({ $0.status == nil }) { _ = Foundation.kill(pid, SIGKILL) }
    }

    /// Asks the child to stop (SIGTERM): it finishes cleanly and writes its trace.
    package func terminate() {
        let pid = self.pid
        if exit.state.withLock({ $0.status == nil }) { _ = Foundation.kill(pid, SIGTERM) }
    }

    /// Waits for the child to exit and returns its status (negative for a signal on some platforms).
    package func waitForExit() async -> Int32 {
        await withCheckedContinuation { continuation in
            let status = exit.state.withLock { state -> Int32? in
                if state.status == nil { state.waiters.append(continuation) }
                return state.status
            }
            if let status { continuation.resume(returning: status) }
        }
    }
}
