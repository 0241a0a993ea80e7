import Catalog
import Foundation
import LabKit
import Testing

/// The instructor's grade: every scenario of every lab over its seeds, against `LAB_IMPL` (default: the
/// solution where it exists, the student's code in a handout). `labrunner grade` runs the same scenarios, the
/// same way: each in the `labrunner` worker process (``ContainedRunner``), so a trap or an endless loop in the
/// student's code fails its test case with the runtime's message instead of ending the test run.
@Suite("Graded scenarios", .serialized, PrintsScoreTable())
struct GradedScenarioTests {
    /// `LAB_IMPL` as read, or why it names no implementation of this copy (a typo grades nothing, loudly).
    static let implementation = Result { () throws(CatalogError) in try Catalog.defaultImplementation(environment: ProcessInfo.processInfo.environment) }
    static let scenarios = ((try? implementation.get()).map(Catalog.labs) ?? []).flatMap(\.scenarios).map(GradedScenario.init)

    @Test("LAB_IMPL, when set, names an implementation this copy has")
    func implementationIsKnown() {
        if case let .failure(error) = Self.implementation { Issue.record("LAB_IMPL: \(error); no scenario was graded") }
    }

    @Test("scenario passes on every seed", arguments: scenarios)
    func scenarioPasses(_ graded: GradedScenario) async throws {
        let impl = try Self.implementation.get()
        let failures = try await Contained.failures(of: [graded.scenario], selection: ["--impl", impl.rawValue])
        ScoreTable.shared.record(graded.scenario, passed: failures.isEmpty)
        for report in failures { Issue.record(Comment(rawValue: report.text)) }
    }
}

/// A scenario as Swift Testing shows it in its output: id, exercise and points.
struct GradedScenario: CustomTestStringConvertible, Sendable {
    let scenario: Scenario
    var testDescription: String { scenario.description }
}

/// Runs scenarios through the `labrunner` worker built beside this test bundle.
enum Contained {
    /// The first failure of each failing scenario, in order; an issue when there is no `labrunner` to run them.
    static func failures(of scenarios: [Scenario], selection: [String], memoryLimitMiB: Int? = nil) async throws -> [FailureReport] {
        let executable = try #require(LabRunnerExecutable.find(), "no labrunner executable beside the tests (build it: swift build)")
        var runner = ContainedRunner(executable: executable, selection: selection)
        if let memoryLimitMiB { runner.memoryLimitMiB = memoryLimitMiB }
        var failures: [FailureReport] = []
        await runner.run(scenarios, plan: .standard) { outcome in
            if let first = outcome.failures.first { failures.append(first) }
        }
        return failures
    }
}
