import Catalog
import Foundation
import LabKit
import Testing

/// The instructor's grade: every scenario of every lab over its seeds, against `LAB_IMPL` (default: the
/// solution where it exists, the student's code in a handout). `labrunner grade` runs the same scenarios.
@Suite("Graded scenarios", .serialized)
struct GradedScenarioTests {
    /// `LAB_IMPL` as read, or why it names no implementation of this copy (a typo grades nothing, loudly).
    static let implementation = Result { () throws(CatalogError) in try Catalog.defaultImplementation(environment: ProcessInfo.processInfo.environment) }
    static let scenarios = ((try? implementation.get()).map(Catalog.labs) ?? []).flatMap(\.scenarios).map(GradedScenario.init)

    @Test("LAB_IMPL, when set, names an implementation this copy has")
    func implementationIsKnown() {
        if case let .failure(error) = Self.implementation { Issue.record("LAB_IMPL: \(error); no scenario was graded") }
    }

    @Test("scenario passes on every seed", arguments: scenarios)
    func scenarioPasses(_ graded: GradedScenario) async {
        let result = await ScenarioRunner.run(graded.scenario, seeds: ScenarioRunner.standardSeeds(graded.scenario))
        for (seed, failure) in result.failures {
            Issue.record(Comment(rawValue: FailureReport(scenario: graded.scenario, seed: seed, failure: failure, traceFiles: nil).text))
        }
    }
}

/// A scenario as Swift Testing shows it in its output: id, exercise and points.
struct GradedScenario: CustomTestStringConvertible, Sendable {
    let scenario: Scenario
    var testDescription: String { scenario.description }
}
