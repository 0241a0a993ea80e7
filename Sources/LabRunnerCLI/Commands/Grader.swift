import Foundation
import LabKit

/// Runs scenarios for `labrunner grade`, printing rows as they finish and failures in full. The scenarios run
/// in a worker process (``ContainedRunner``), so a trap or an endless loop fails one scenario, not the run.
struct Grader: Sendable {
    let context: CommandContext
    let impl: Implementation
    /// The mutant or hazard graded instead of `impl`'s code, by name.
    var mutant: String?
    let traceDirectory: String
    /// Exercises taken out of the reference solution (`--without`).
    var withheld: [String] = []

    /// Whose code runs, as the header line says it.
    private var subject: String {
        let code = mutant.map { "the mutant '\($0)'" } ?? "the \(impl.rawValue)'s code"
        return withheld.isEmpty ? code : "\(code) without exercise\(withheld.count == 1 ? "" : "s") \(withheld.joined(separator: ", "))"
    }

    private func runner(traces: String?) -> ContainedRunner {
        let console = context.console
        var runner = ContainedRunner(executable: LabRunnerExecutable.find() ?? LabRunnerExecutable.running,
                                     selection: mutant.map { ["--mutant", $0] } ?? ["--impl", impl.rawValue], traceDirectory: traces,
                                     memoryLimitMiB: ContainedRunner.defaultMemoryLimitMiB(environment: context.environment),
                                     onErrorLine: { console.err($0) })
        runner.withheld = withheld
        return runner
    }

    /// Grades `scenarios` over the seeds of `plan` (its own seeds, or one replayed), stopping a scenario at its first failure.
    func grade(_ scenarios: [Scenario], plan: SeedPlan) async -> GradeReport {
        let console = context.console, style = context.style
        console.out("Grading \(describe(scenarios)) against \(subject)")
        var rows: [GradeReport.Row] = []
        var reports: [FailureReport] = []
        await runner(traces: traceDirectory).run(scenarios, plan: plan) { outcome in
            let scenario = outcome.scenario
            var row = GradeReport.Row(scenario: scenario, seedsRun: outcome.seedsRun.count, earned: outcome.earned)
            row.faults = outcome.faults
            if let report = outcome.failures.first {
                row.failure = .init(report)
                // "not implemented" says all there is to say in its row; other failures get the full story.
                if case .notImplemented = report.failure.reason {} else { reports.append(report) }
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
        let report = GradeReport(implementation: mutant ?? impl.rawValue, rows: rows)
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
        console.out("Failure rates of \(subject) over \(runs) fresh seeds per scenario (seeds \(baseSeed &+ 1)…\(baseSeed &+ UInt64(runs)))")
        console.out("  \(pad("scenario", 40)) \(pad("runs", 6)) \(pad("failed", 7)) \(pad("rate", 8)) first failure")
        var rows: [GradeReport.Row] = []
        await runner(traces: nil).run(simulated, plan: .fresh(runs: runs, base: baseSeed)) { outcome in
            let scenario = outcome.scenario
            var row = GradeReport.Row(scenario: scenario, seedsRun: outcome.seedsRun.count, earned: outcome.earned)
            row.failedSeeds = outcome.failures.count
            row.faults = outcome.faults
            row.failure = outcome.failures.first.map(GradeReport.Failure.init)
            let rate = String(format: "%.1f %%", 100 * Double(outcome.failures.count) / Double(max(outcome.seedsRun.count, 1)))
            let first = row.failure.map { "seed \($0.seed): \($0.summary)" } ?? "-"
            console.out("  \(pad(scenario.id, 40)) \(pad("\(outcome.seedsRun.count)", 6)) \(pad("\(outcome.failures.count)", 7)) \(pad(rate, 8)) \(first)")
            rows.append(row)
        }
        if let failing = rows.first(where: { $0.failure != nil }), let seed = failing.failure?.seed {
            console.out("Replay a failure with: swift run labrunner grade --scenario \(failing.id) --seed \(seed) \(mutant.map { "--mutant '\($0)'" } ?? "--impl \(impl.rawValue)")")
        }
        let skipped = scenarios.count - simulated.count
        if skipped > 0 { console.out("(\(plural(skipped, "live scenario")) skipped: they run on real sockets, not seeds)") }
        return GradeReport(implementation: mutant ?? impl.rawValue, rows: rows)
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
