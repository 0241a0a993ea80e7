#if canImport(VideoSolution)
import VideoKit
import Scenarios
import Testing
import VideoLab
import VideoSolution

/// The video control plane's scenarios (steps 1 and 2): their ids and points, and the skeleton they must
/// fail cleanly. (The reference passes them in GradedScenarioTests; MutantTests checks the mutant is caught.)
@Suite("Video tracker scenarios")
struct VideoTrackerScenarioTests {
    static let scenarios = TrackerScenarios.scenarios(tracker: VideoSolution.Tracker.self, agent: VideoSolution.PeerAgent.self)
        .map(GradedScenario.init)

    @Test("the skeleton fails every scenario with 'not implemented', without crashing")
    func skeletonFailsCleanly() async {
        await SkeletonCheck.failsAsNotImplemented(TrackerScenarios.scenarios(tracker: VideoLab.Tracker.self, agent: VideoLab.PeerAgent.self))
    }

    @Test("scenario ids name the lab and an exercise; points share 20 between 1.1, 1.2, 2.1 and 2.2")
    func pointsAndIDs() {
        let all = Self.scenarios.map(\.scenario)
        #expect(all.allSatisfy { $0.lab == "video" && $0.id.hasPrefix("video.\($0.exercise)-") })
        #expect(Set(all.map(\.exercise)) == ["1.1", "1.2", "2.1", "2.2"])
        #expect(all.reduce(0) { $0 + $1.points } == 20)
        #expect(Set(all.map(\.id)).count == all.count)
    }
}
#endif
