import Catalog
import LabKit
import Testing

/// Every mutant — a deliberately wrong solution — must fail each of the scenarios meant to catch it;
/// a scenario no mutant fails proves nothing. The student handout has no mutants.
@Suite("Mutants are caught", .serialized)
struct MutantTests {
    @Test("the kit ships mutants wherever it ships solutions")
    func mutantsExist() {
        #expect(Catalog.mutants.isEmpty == !Catalog.hasSolutions)
    }

    @Test("mutant fails every scenario meant to catch it, by misbehaving", arguments: Catalog.mutants.map(\.name))
    func mutantIsCaught(_ name: String) async throws {
        let mutant = try #require(Catalog.mutants.first { $0.name == name })
        #expect(!mutant.caughtBy.isEmpty)
        for id in mutant.caughtBy {
            let scenario = try #require(mutant.scenarios.first { $0.id == id }, "no scenario \(id)")
            let result = await ScenarioRunner.run(scenario, seeds: ScenarioRunner.standardSeeds(scenario))
            let failure = result.failures.first?.failure
            #expect(failure != nil, "\(id) did not catch the mutant '\(name)'")
            if case .notImplemented? = failure?.reason { Issue.record("\(id) failed the mutant '\(name)' only as not implemented") }
        }
    }
}
