import Foundation
import LabKit

/// Named `labrunner node …` processes of one cluster, kept together: started, killed, stopped, and watched, so
/// that a wait ends as soon as one of them dies unasked and a failure quotes what it last printed. The lab
/// clusters (``DepositCluster``, ``MessagingCluster``) say what to start and what their lines mean.
package final class NodeGroup: Sendable {
    /// How long a server may take to say it is up: a guard against a hung start, generous because a debug build
    /// on a loaded two-core machine (the whole test suite at once) has taken over 20 s.
    package static let startLimit: Duration = .seconds(60)

    private let processes: NodeProcesses
    private let environment: [String: String]
    /// Where the processes run (this process's own folder when nil): what they write by default lands there.
    private let directory: String?
    /// More options for the process of each name (a demo's `--trace`).
    private let options: @Sendable (String) -> [String]
    /// Every line a process prints, with its name.
    private let onLine: @Sendable (String, String) -> Void
    private let children = Lock<[String: ChildProcess]>([:])
    /// The processes whose end is no failure: killed or stopped by the group, or expected to end (a client).
    private let free = Lock<Set<String>>([])
    private let lastLines = Lock<[String: [String]]>([:])

    /// Processes run as `processes` with `environment` in `directory`, `options(name)` added to each; `onLine`
    /// sees every line.
    package init(processes: NodeProcesses, environment: [String: String], directory: String? = nil,
                 options: @escaping @Sendable (String) -> [String], onLine: @escaping @Sendable (String, String) -> Void) {
        self.processes = processes
        self.environment = environment
        self.directory = directory
        self.options = options
        self.onLine = onLine
    }

    /// Starts `labrunner ARGUMENTS` as `name` (replacing an ended one of that name); `line` sees each line it
    /// prints. A process that may end by itself (a scripted client) is started with `mayEnd`.
    @discardableResult
    package func start(_ name: String, _ arguments: [String], mayEnd: Bool = false,
                       line: @escaping @Sendable (String) -> Void = { _ in }) throws -> ChildProcess {
        guard let executable = processes.executable else { throw NodeGroupError.noExecutable(name) }
        lastLines.withLock { $0[name] = [] }
        free.withLock { if mayEnd { $0.insert(name) } else { $0.remove(name) } }
        let child = try ChildProcess(name: name, executable: executable, arguments: arguments + options(name) + ["--impl", processes.impl.rawValue],
                                     environment: environment, directory: directory) { [self] text in
            lastLines.withLock { $0[name] = Array(($0[name, default: []] + [text]).suffix(4)) }
            line(text)
            onLine(name, text)
        }
        children.withLock { $0[name] = child }
        return child
    }

    /// The process last started as `name`.
    package func child(_ name: String) -> ChildProcess? { children.withLock { $0[name] } }

    /// Kills `name` at once (SIGKILL), as a crash would, and waits until it is gone.
    package func kill(_ name: String) async {
        guard let child = child(name) else { return }
        free.withLock { _ = $0.insert(name) }
        child.kill()
        _ = await child.waitForExit()
    }

    /// Stops every process cleanly (SIGTERM: each writes its trace) and waits for them.
    package func stopAll() async {
        let all = children.withLock { $0 }
        free.withLock { $0.formUnion(all.keys) }
        for child in all.values { child.terminate() }
        for child in all.values { _ = await child.waitForExit() }
    }

    /// The last lines `name` printed, for a failure's message.
    package func lastLines(of name: String) -> [String] { lastLines.withLock { $0[name] ?? [] } }

    /// Waits until `condition` holds, checking every 20 ms, at most `limit`: `false` when it did not. Throws as
    /// soon as a process ends that was not expected to — after `condition` had its say on every line that process
    /// printed (a process's end is known only once all its lines were handled), so a condition that throws for
    /// a line (an unfinished exercise named) is the error a dying process gives.
    package func wait(within limit: Duration, until condition: () throws -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + limit
        while true {
            let ended = endedUnasked()
            if try condition() { return true }
            if let ended { throw ended }
            guard ContinuousClock.now < deadline else { return false }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// Waits until `name` is up by `condition`, at most ``startLimit``; else throws, saying whether it still runs
    /// and what it last printed.
    package func waitUntilStarted(_ name: String, _ condition: () throws -> Bool) async throws {
        guard try await wait(within: Self.startLimit, until: condition) else {
            throw NodeGroupError.didNotStart(name, Self.startLimit, lastLines(of: name))
        }
    }

    /// A process that ended though it was neither stopped, killed nor expected to end, as an error.
    private func endedUnasked() -> NodeGroupError? {
        let free = self.free.withLock { $0 }
        let ended = children.withLock { $0 }.filter { $0.value.ending != nil && !free.contains($0.key) }
        return ended.min { $0.key < $1.key }.map { name, child in .ended(name, "\(child.ending!)", lastLines(of: name)) }
    }
}

/// Why a ``NodeGroup`` could not go on.
package enum NodeGroupError: Error, CustomStringConvertible {
    /// No `labrunner` binary was found to start `name` with.
    case noExecutable(String)
    /// `name` still ran but did not say it was up within the limit, after printing these last lines.
    case didNotStart(String, Duration, [String])
    /// `name` ended (how) without being stopped, after printing these last lines.
    case ended(String, String, [String])

    package var description: String {
        switch self {
        case let .noExecutable(name): NodeProcesses.noExecutable(name)
        case let .didNotStart(name, limit, lines):
            "\(name) runs but did not say it was up within \(limit); its last lines: \(Self.quote(lines))"
        case let .ended(name, how, lines):
            "\(name) \(how) unasked; its last lines: \(Self.quote(lines))"
        }
    }

    private static func quote(_ lines: [String]) -> String { lines.isEmpty ? "(none)" : lines.joined(separator: " / ") }
}
