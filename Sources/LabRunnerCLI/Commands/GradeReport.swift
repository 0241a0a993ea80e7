import Foundation
import LabKit

/// The results of a grading run, as printed and as written by `--json` for tools and reports.
struct GradeReport: Codable, Sendable {
    struct Failure: Codable, Sendable {
        let seed: UInt64
        let kind: String
        let summary: String
        /// For `not-implemented`: the unwritten exercise (this scenario's own, or one it needs).
        var missing: String?
        var expected: String?
        var observed: String?
        let replay: String
        var trace: String?
        var diagram: String?

        init(_ report: FailureReport) {
            seed = report.seed
            summary = report.summary
            replay = report.replayCommand
            trace = report.traceFiles?.jsonl
            diagram = report.traceFiles?.svg
            switch report.failure.reason {
            case let .notImplemented(exercise):
                kind = "not-implemented"
                missing = exercise
            case let .wrong(expected, observed):
                kind = "wrong"
                self.expected = expected
                self.observed = observed
            case .crashed: kind = "crashed"
            case .timedOut: kind = "timed-out"
            case .trapped: kind = "trapped"
            }
        }
    }

    struct Row: Codable, Sendable {
        let id: String
        let lab: String
        let exercise: String
        /// The other exercises of the lab the scenario runs (``Scenario/needs``).
        let needs: [String]
        let points: Int
        /// Where it ran: `simulated` or `live` (``Scenario/Mode``).
        let mode: String?
        let seedsRun: Int
        let earned: Int
        var failedSeeds = 0
        var failure: Failure?
        /// The faults the scenario's simulations injected (the report's fault model).
        var faults: FaultModel?

        init(scenario: Scenario, seedsRun: Int, earned: Int) {
            id = scenario.id
            lab = scenario.lab
            exercise = scenario.exercise
            needs = scenario.needs
            points = scenario.points
            mode = scenario.mode.rawValue
            self.seedsRun = seedsRun
            self.earned = earned
        }

        var passed: Bool { failure == nil }
    }

    let implementation: String
    let rows: [Row]

    var allPassed: Bool { rows.allSatisfy(\.passed) }
    var earned: Int { rows.reduce(0) { $0 + $1.earned } }
    var points: Int { rows.reduce(0) { $0 + $1.points } }

    /// Earned and possible points per lab, in the order labs first appear.
    var labTotals: [(lab: String, earned: Int, points: Int)] {
        var order: [String] = []
        var totals: [String: (Int, Int)] = [:]
        for row in rows {
            if totals[row.lab] == nil { order.append(row.lab) }
            totals[row.lab, default: (0, 0)].0 += row.earned
            totals[row.lab, default: (0, 0)].1 += row.points
        }
        return order.map { ($0, totals[$0]!.0, totals[$0]!.1) }
    }

    /// What `--json` writes: the totals and every scenario's row.
    var document: some Encodable {
        Document(implementation: implementation, earned: earned, points: points, passed: allPassed, scenarios: rows)
    }

    private struct Document: Encodable {
        let implementation: String
        let earned: Int
        let points: Int
        let passed: Bool
        let scenarios: [Row]
    }
}
