import ZapsZapKit

/// One zapszap member as a real `labrunner node zapszap` process, driven through its prompt like a person
/// would; keeps what a scenario reads of its output: its address, its latest history digest, its last lines.
final class ChatMemberProcess: Sendable {
    let name: String
    private let child: ChildProcess
    private let output = Output()

    /// What the member printed so far, as far as the scenario cares.
    private final class Output: Sendable {
        struct Seen {
            var address: String?
            var digest: NodeOutputLine.HistoryDigest?
            var missing: NotImplemented?
            var lastLines: [String] = []
        }
        let seen = Lock(Seen())
    }

    /// Starts `labrunner node zapszap --name NAME OPTIONS` (group, passphrase, peers, faults, store…).
    init(_ name: String, options: [String], processes: NodeProcesses) throws(ScenarioFailure) {
        self.name = name
        let output = self.output
        child = try processes.start(name, ["zapszap", "--name", name] + options) { line in
            output.seen.withLock { seen in
                seen.address = seen.address ?? NodeOutputLine.address(in: line)
                seen.digest = NodeOutputLine.historyDigest(in: line) ?? seen.digest
                seen.missing = seen.missing ?? NotImplemented(foundIn: line)
                seen.lastLines = Array((seen.lastLines + [line]).suffix(4))
            }
        }
    }

    /// Types `line` at the member's prompt: a chat message, or a command such as `/digest`.
    func type(_ line: String) { child.send(line) }

    /// The digest the member printed last (after `/digest`), if any.
    var digest: NodeOutputLine.HistoryDigest? { output.seen.withLock { $0.digest } }

    /// The address the member listens on, once it says so; fails if it ends first or takes over 10 s.
    func address() async throws -> String {
        for _ in 0..<200 {
            try checkRunning()
            if let address = output.seen.withLock({ $0.address }) { return address }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw ScenarioFailure(.crashed("\(name) did not say which address it listens on within 10 s"))
    }

    /// Fails if the member has ended: "not implemented" when it stopped at an unfinished exercise, else
    /// how it ended and the last lines it printed.
    func checkRunning() throws(ScenarioFailure) {
        guard let ending = child.ending else { return }
        let (missing, lastLines) = output.seen.withLock { ($0.missing, $0.lastLines) }
        if let missing { throw ScenarioFailure(.notImplemented(exercise: missing.exercise)) }
        throw ScenarioFailure(.crashed("member \(name) (pid \(child.pid)) \(ending) while the group chatted; its last lines: "
                                       + lastLines.joined(separator: " / ")))
    }

    /// Kills the member (SIGKILL) and waits until it is gone.
    func stop() async {
        child.kill()
        _ = await child.waitForExit()
    }
}
