/// The text a student reads when a scenario fails: which exercise, what was expected and observed, the seed,
/// the one command that replays it, where its trace and diagram were written, and the command that views it.
public struct FailureReport: Sendable {
    public let scenario: Scenario
    public let seed: UInt64
    public let failure: ScenarioFailure
    /// The trace's JSONL and SVG paths, when they were written.
    public let traceFiles: (jsonl: String, svg: String)?

    public init(scenario: Scenario, seed: UInt64, failure: ScenarioFailure, traceFiles: (jsonl: String, svg: String)?) {
        self.scenario = scenario
        self.seed = seed
        self.failure = failure
        self.traceFiles = traceFiles
    }

    /// The failure in one line, naming the lab where the bare reason would not ("not implemented: ping exercise 1.1"),
    /// and a missing exercise this scenario needs as that exercise ("needs video exercise 4.2, not implemented yet").
    public var summary: String {
        guard case let .notImplemented(exercise) = failure.reason else { return failure.description }
        guard exercise != scenario.exercise else { return "not implemented: \(scenario.lab) exercise \(exercise)" }
        return "needs \(scenario.lab) exercise \(exercise), not implemented yet"
    }

    /// The command that reruns exactly this scenario and seed.
    public var replayCommand: String { "swift run labrunner grade --scenario \(scenario.id) --seed \(seed)" }

    public var text: String {
        var lines = ["\(scenario.id) failed on seed \(seed) — \(scenario.lab) exercise \(scenario.exercise) (\(scenario.points) point\(scenario.points == 1 ? "" : "s"))"]
        switch failure.reason {
        case .notImplemented:
            lines.append("  \(summary)")
        case let .wrong(expected, observed):
            lines.append("  expected: \(expected)")
            lines.append("  observed: \(observed)")
        case let .crashed(reason):
            lines.append("  crashed:  \(reason)")
        case .timedOut:
            lines.append("  \(failure.description)")
        case let .trapped(reason):
            lines.append("  trapped:  \(reason)")
        }
        lines.append("  replay:   \(replayCommand)")
        if let traceFiles {
            lines.append("  trace:    \(traceFiles.jsonl)")
            lines.append("  diagram:  \(traceFiles.svg)  (open it in a browser; \(traceFiles.svg.split(separator: "/").last ?? "")#failure opens at the failing event)")
            lines.append("  view:     \(TraceViewer.command(for: traceFiles.jsonl))  (a page to step through the run, filter nodes, search)")
        }
        return lines.joined(separator: "\n")
    }
}
