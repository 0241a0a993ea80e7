import LabKit
@testable import LabRunnerCLI

/// A console that records what a command prints, for exact-output tests.
final class CapturingConsole: Console {
    private let lines = Lock<(out: [String], err: [String])>(([], []))

    func out(_ text: String) { lines.withLock { $0.out.append(text) } }
    func err(_ text: String) { lines.withLock { $0.err.append(text) } }
    var isTerminal: Bool { false }

    var stdout: String { lines.withLock { $0.out.joined(separator: "\n") } }
    var stderr: String { lines.withLock { $0.err.joined(separator: "\n") } }
}

/// Runs `labrunner arguments` in-process; returns the exit status and what it printed.
func runner(_ arguments: [String], environment: [String: String] = [:]) async -> (status: Int32, out: String, err: String) {
    let console = CapturingConsole()
    let status = await LabRunner.main(arguments, console: console, environment: environment)
    return (status, console.stdout, console.stderr)
}
