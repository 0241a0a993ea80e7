#if canImport(VideoSolution)
import LabKit
import Scenarios
import Testing
import VideoLab
import VideoSolution

/// The video control plane's scenarios (steps 1 and 2) against the reference tracker and agent, the mutant
/// they must catch, and the skeleton they must fail cleanly. Temporary until the catalog wires the video lab.
@Suite("Video tracker scenarios")
struct VideoTrackerScenarioTests {
    static let scenarios = TrackerScenarios.scenarios(tracker: VideoSolution.Tracker.self, agent: VideoSolution.PeerAgent.self)
        .map(GradedScenario.init)

    @Test("the reference passes every seed", arguments: scenarios)
    func referencePasses(_ graded: GradedScenario) async {
        let result = await ScenarioRunner.run(graded.scenario, seeds: ScenarioRunner.standardSeeds(graded.scenario))
        for (seed, failure) in result.failures {
            Issue.record(Comment(rawValue: FailureReport(scenario: graded.scenario, seed: seed, failure: failure, traceFiles: nil).text))
        }
    }

    @Test("the mutant fails a scenario meant to catch it", arguments: VideoTrackerMutants.trackers.map(\.name))
    func mutantIsCaught(_ name: String) async throws {
        let mutant = try #require(VideoTrackerMutants.trackers.first { $0.name == name })
        let scenarios = Self.scenarios(tracker: mutant.tracker)
        var caught: [String] = []
        for id in mutant.caughtBy {
            let scenario = try #require(scenarios.first { $0.id == id }, "no scenario \(id)")
            let result = await ScenarioRunner.run(scenario, seeds: ScenarioRunner.standardSeeds(scenario))
            if !result.passed { caught.append(id) }
        }
        #expect(!caught.isEmpty, "no scenario of \(mutant.caughtBy) caught the mutant '\(name)'")
    }

    @Test("the skeleton fails every scenario with 'not implemented', without crashing")
    func skeletonFailsCleanly() async {
        for scenario in TrackerScenarios.scenarios(tracker: VideoLab.Tracker.self, agent: VideoLab.PeerAgent.self) {
            let failure = await ScenarioRunner.runOnce(scenario, seed: 1)
            guard case .notImplemented = failure?.reason else {
                Issue.record("\(scenario.id): expected 'not implemented', got \(failure.map(\.description) ?? "a pass")")
                continue
            }
        }
    }

    @Test("scenario ids name the lab and an exercise; points share 20 between 1.1, 1.2, 2.1 and 2.2")
    func pointsAndIDs() {
        let all = Self.scenarios.map(\.scenario)
        #expect(all.allSatisfy { $0.lab == "video" && $0.id.hasPrefix("video.\($0.exercise)-") })
        #expect(Set(all.map(\.exercise)) == ["1.1", "1.2", "2.1", "2.2"])
        #expect(all.reduce(0) { $0 + $1.points } == 20)
        #expect(Set(all.map(\.id)).count == all.count)
    }

    /// The scenarios with `tracker` in place of the reference tracker.
    static func scenarios(tracker: any TrackerNode.Type) -> [Scenario] {
        func bind<T: TrackerNode>(_ tracker: T.Type) -> [Scenario] {
            TrackerScenarios.scenarios(tracker: tracker, agent: VideoSolution.PeerAgent.self)
        }
        return bind(tracker)
    }
}
#endif
