import Catalog
import LabKit
import Testing

/// Every mutant — a deliberately wrong solution — must fail at least one of the scenarios meant to catch it;
/// a scenario no mutant fails proves nothing. The student handout has no mutants.
@Suite("Mutants are caught")
struct MutantTests {
    @Test("the kit ships mutants wherever it ships solutions")
    func mutantsExist() {
        #expect(Catalog.mutants.isEmpty == !Catalog.hasSolutions)
    }

    @Test("mutant fails its catching scenarios", arguments: Catalog.mutants.map(\.name))
    func mutantIsCaught(_ name: String) async throws {
        let mutant = try #require(Catalog.mutants.first { $0.name == name })
        var caught: [String] = []
        for id in mutant.caughtBy {
            let scenario = try #require(mutant.scenarios.first { $0.id == id }, "no scenario \(id)")
            let result = await ScenarioRunner.run(scenario, seeds: ScenarioRunner.standardSeeds(scenario))
            if !result.passed { caught.append(id) }
        }
        #expect(!caught.isEmpty, "no scenario of \(mutant.caughtBy) caught the mutant '\(name)'")
    }
}
