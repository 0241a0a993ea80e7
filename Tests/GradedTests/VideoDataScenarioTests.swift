import VideoKit

#if canImport(VideoSolution)
import LabKit
import Scenarios
import Testing
import VideoLab
import VideoSolution

/// The video lab's data plane with the reference roles. The tracker half is graded elsewhere, so the control
/// plane here is a pair of do-nothing stand-ins.
struct ReferenceDataPlane: VideoImplementation {
    typealias Tracker = StandInTracker
    typealias Agent = StandInAgent
    typealias Responder = VideoSolution.ChunkResponder
    typealias Hashing = VideoSolution.ChunkHasher
    typealias Plan = VideoSolution.DownloadPlan
    typealias Finisher = VideoSolution.DownloadFinisher
}

/// The data plane of the student skeleton, as handed out.
struct SkeletonDataPlane: VideoImplementation {
    typealias Tracker = StandInTracker
    typealias Agent = StandInAgent
    typealias Responder = VideoLab.ChunkResponder
    typealias Hashing = VideoLab.ChunkHasher
    typealias Plan = VideoLab.DownloadPlan
    typealias Finisher = VideoLab.DownloadFinisher
}

/// A tracker that ignores everything (the data-plane scenarios never start one).
struct StandInTracker: TrackerNode {
    init(config: TrackerConfig) {}
    mutating func receive(_ message: TrackerMessage, from sender: NodeID, _ ctx: inout VideoContext) {}
}

/// A peer agent that ignores everything.
struct StandInAgent: PeerAgentNode {
    init(config: PeerAgentConfig) {}
    mutating func receive(_ message: TrackerMessage, from sender: NodeID, _ ctx: inout VideoContext) {}
    mutating func command(_ command: PeerCommand, _ ctx: inout VideoContext) {}
}

/// Every data-plane scenario passes against the reference solution, and every data-plane mutant fails each
/// scenario listed as catching it. Serialized: the scenarios move hundreds of MiB through 2 cores.
@Suite("Video data plane", .serialized, .timeLimit(.minutes(5)))
struct VideoDataScenarioTests {
    static let scenarios = DataPlaneScenarios.all(ReferenceDataPlane.self).map(GradedScenario.init)

    @Test("the scenarios cover every data-plane exercise and share 30 points")
    func coverage() {
        let scenarios = Self.scenarios.map(\.scenario)
        #expect(Set(scenarios.map(\.exercise)) == Set(DataPlaneScenarios.exercises.map(\.id)))
        #expect(scenarios.reduce(0) { $0 + $1.points } == 30)
        #expect(scenarios.allSatisfy { $0.lab == "video" && $0.id.hasPrefix("video.\($0.exercise)-") && $0.mode == .live })
    }

    @Test("the skeleton fails every scenario cleanly, with not implemented: exercise x.y")
    func skeletonFailsCleanly() async {
        for scenario in DataPlaneScenarios.all(SkeletonDataPlane.self) {
            let result = await ScenarioRunner.run(scenario, seeds: ScenarioRunner.standardSeeds(scenario))
            let reasons = result.failures.map(\.failure.reason)
            guard case .notImplemented? = reasons.first else {
                Issue.record("\(scenario.id) on the skeleton: \(reasons.first.map { "\($0)" } ?? "passed")")
                continue
            }
        }
    }

}
#endif
