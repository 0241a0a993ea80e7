import Foundation
import LabKit

/// Runs scenarios for `labrunner grade`, printing rows as they finish and failures in full.
struct Grader: Sendable {
    let context: CommandContext
    let impl: Implementation
    let traceDirectory: String

    /// Grades `scenarios` over the seeds `seeds` picks for each, stopping a scenario at its first failure.
    func grade(_ scenarios: [Scenario], seeds: (Scenario) -> [UInt64]) async -> GradeReport {
        let console = context.console, style = context.style
        console.out("Grading \(describe(scenarios)) against the \(impl.rawValue)'s code")
        var rows: [GradeReport.Row] = []
        var reports: [FailureReport] = []
        for scenario in scenarios {
            TraceFiles.remove(in: traceDirectory, prefix: "\(scenario.id).seed")
            let result = await ScenarioRunner.run(scenario, seeds: seeds(scenario))
            var row = GradeReport.Row(scenario: scenario, seedsRun: result.seedsRun.count, earned: result.earned)
            if let (seed, failure) = result.failures.first {
                let report = FailureReport(scenario: scenario, seed: seed, failure: failure, traceFiles: saveTrace(failure, scenario: scenario, seed: seed))
                row.failure = .init(report)
                // "not implemented" says all there is to say in its row; other failures get the full story.
                if case .notImplemented = failure.reason {} else { reports.append(report) }
            }
            let mark = row.passed ? style.green("✔") : style.red("✘")
            let outcome = row.failure.map { "seed \($0.seed): \($0.summary)" } ?? plural(row.seedsRun, "seed")
            console.out("  \(mark) \(pad(scenario.id, 40)) \(pad("ex \(scenario.exercise)", 7)) \(pad("\(row.earned)/\(scenario.points)", 6)) \(outcome)")
            rows.append(row)
        }
        if !reports.isEmpty {
            console.out("")
            console.out(style.bold("Failures"))
            for report in reports { console.out(report.text) }
        }
        let report = GradeReport(implementation: impl.rawValue, rows: rows)
        console.out("")
        for (lab, earned, points) in report.labTotals {
            console.out(style.bold("Score \(lab): \(earned)/\(points) points"))
        }
        return report
    }

    /// Reruns each simulated scenario on `runs` fresh seeds (base+1 … base+runs) and prints failure rates.
    func failureRates(_ scenarios: [Scenario], runs: Int, baseSeed: UInt64) async -> GradeReport {
        let console = context.console
        let simulated = scenarios.filter { $0.mode == .simulated }
        console.out("Failure rates of the \(impl.rawValue)'s code over \(runs) fresh seeds per scenario (seeds \(baseSeed &+ 1)…\(baseSeed &+ UInt64(runs)))")
        console.out("  \(pad("scenario", 40)) \(pad("runs", 6)) \(pad("failed", 7)) \(pad("rate", 8)) first failure")
        var rows: [GradeReport.Row] = []
        for scenario in simulated {
            let seeds = (1...UInt64(runs)).map { baseSeed &+ $0 }
            let result = await ScenarioRunner.run(scenario, seeds: seeds, keepGoing: true)
            var row = GradeReport.Row(scenario: scenario, seedsRun: seeds.count, earned: result.earned)
            row.failedSeeds = result.failures.count
            if let (seed, failure) = result.failures.first {
                row.failure = .init(FailureReport(scenario: scenario, seed: seed, failure: failure, traceFiles: nil))
            }
            let rate = String(format: "%.1f %%", 100 * Double(result.failures.count) / Double(runs))
            let first = row.failure.map { "seed \($0.seed): \($0.summary)" } ?? "-"
            console.out("  \(pad(scenario.id, 40)) \(pad("\(runs)", 6)) \(pad("\(result.failures.count)", 7)) \(pad(rate, 8)) \(first)")
            rows.append(row)
        }
        if let failing = rows.first(where: { $0.failure != nil }), let seed = failing.failure?.seed {
            console.out("Replay a failure with: swift run labrunner grade --scenario \(failing.id) --seed \(seed) --impl \(impl.rawValue)")
        }
        let skipped = scenarios.count - simulated.count
        if skipped > 0 { console.out("(\(plural(skipped, "live scenario")) skipped: they run on real sockets, not seeds)") }
        return GradeReport(implementation: impl.rawValue, rows: rows)
    }

    /// The failure as the diagram shows it in full: what was expected and observed on lines of their own.
    static func diagramText(_ failure: ScenarioFailure) -> String {
        if case let .wrong(expected, observed) = failure.reason { return "expected: \(expected)\nobserved: \(observed)" }
        return failure.description
    }

    /// Writes the failing run's trace as JSONL and SVG, unless there is nothing to draw.
    private func saveTrace(_ failure: ScenarioFailure, scenario: Scenario, seed: UInt64) -> (jsonl: String, svg: String)? {
        guard !failure.trace.isEmpty else { return nil }
        do {
            return try TraceFiles.write(failure.trace, to: traceDirectory, name: "\(scenario.id).seed\(seed)",
                                        diagram: SpaceTimeDiagram(title: "\(scenario.id), seed \(seed)", failure: Self.diagramText(failure)))
        } catch {
            context.console.err("note: could not save the trace: \(error)")
            return nil
        }
    }

    private func describe(_ scenarios: [Scenario]) -> String {
        let labs = Array(Set(scenarios.map(\.lab))).sorted().joined(separator: ", ")
        return "\(labs) (\(plural(scenarios.count, "scenario")))"
    }
}

/// Left-aligns `text` in a column of `width` characters.
func pad(_ text: String, _ width: Int) -> String {
    text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
}

/// `3 points`, `1 point`.
func plural(_ count: Int, _ noun: String) -> String { "\(count) \(noun)\(count == 1 ? "" : "s")" }
