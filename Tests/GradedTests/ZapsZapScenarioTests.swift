#if canImport(ZapsZapSolution)
import LabKit
import Scenarios
import Testing
import ZapsZapLab
import ZapsZapSolution

/// The zapszap lab's scenarios against the reference member, the mutants they must catch, and the skeleton
/// they must fail cleanly.
@Suite("ZapsZap scenarios")
struct ZapsZapScenarioTests {
    static let scenarios = ZapsZapScenarios.all(ZapsZapSolution.ChatPeer.self).map(GradedScenario.init)

    @Test("the reference passes every seed", arguments: scenarios)
    func referencePasses(_ graded: GradedScenario) async {
        let result = await ScenarioRunner.run(graded.scenario, seeds: ScenarioRunner.standardSeeds(graded.scenario))
        for (seed, failure) in result.failures {
            Issue.record(Comment(rawValue: FailureReport(scenario: graded.scenario, seed: seed, failure: failure, traceFiles: nil).text))
        }
    }

    @Test("the mutant fails every scenario meant to catch it, by misbehaving rather than crashing",
          arguments: ZapsZapMutants.peers.map(\.name))
    func mutantIsCaught(_ name: String) async throws {
        let mutant = try #require(ZapsZapMutants.peers.first { $0.name == name })
        let scenarios: [Scenario] = ZapsZapScenarios.all(mutant.peer)
        for id in mutant.caughtBy {
            let scenario = try #require(scenarios.first { $0.id == id }, "no scenario \(id)")
            let result = await ScenarioRunner.run(scenario, seeds: ScenarioRunner.standardSeeds(scenario))
            #expect(!result.passed, "\(id) did not catch the mutant '\(name)'")
            for (_, failure) in result.failures {
                guard case .wrong = failure.reason else {
                    Issue.record("\(id) failed the mutant '\(name)' with \(failure.reason) instead of a wrong outcome")
                    continue
                }
            }
        }
    }

    @Test("the skeleton fails every scenario with 'not implemented', without crashing")
    func skeletonFailsCleanly() async {
        for scenario in ZapsZapScenarios.all(ZapsZapLab.ChatPeer.self) {
            let failure = await ScenarioRunner.runOnce(scenario, seed: 1)
            guard case .notImplemented = failure?.reason else {
                Issue.record("\(scenario.id): expected 'not implemented', got \(failure.map(\.description) ?? "a pass")")
                continue
            }
        }
    }

    @Test("scenario ids name the lab and an exercise; every exercise is graded; 40 points; 200 seeds each")
    func pointsAndIDs() {
        let all = Self.scenarios.map(\.scenario)
        #expect(all.allSatisfy { $0.lab == "zapszap" && $0.id.hasPrefix("zapszap.\($0.exercise)-") && $0.mode == .simulated })
        #expect(Set(all.map(\.exercise)) == Set(ZapsZapScenarios.exercises.map(\.id)))
        #expect(all.reduce(0) { $0 + $1.points } == 40)
        #expect(all.allSatisfy { $0.seeds >= 200 })
        #expect(Set(all.map(\.id)).count == all.count)
        let ids = Set(all.map(\.id))
        #expect(ZapsZapMutants.peers.allSatisfy { Set($0.caughtBy).isSubset(of: ids) })
    }
}
#endif
