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
    static let scenarios = ZapsZapScenarios.all(ZapsZapSolution.ChatPeer.self, processes: .labRunner(.solution)).map(GradedScenario.init)

    @Test("the skeleton fails every scenario with 'not implemented', without crashing")
    func skeletonFailsCleanly() async {
        await SkeletonCheck.failsAsNotImplemented(ZapsZapScenarios.all(ZapsZapLab.ChatPeer.self, processes: .labRunner(.student)))
    }

    @Test("without a labrunner to start the members, the live scenario fails saying so")
    func liveWithoutExecutable() async {
        await LiveScenarioCheck.failsWithoutExecutable(ZapsZapScenarios.live(NodeProcesses(executable: nil, impl: .solution)))
    }

    @Test("scenario ids name the lab and an exercise; every exercise is graded; 42 points; 200 seeds each simulated one")
    func pointsAndIDs() {
        let all = Self.scenarios.map(\.scenario)
        #expect(all.allSatisfy { $0.lab == "zapszap" && $0.id.hasPrefix("zapszap.\($0.exercise)-") })
        #expect(all.filter { $0.mode == .live }.map(\.id) == ["zapszap.5.2-live-udp"])
        #expect(Set(all.map(\.exercise)) == Set(ZapsZapScenarios.exercises.map(\.id)))
        #expect(all.reduce(0) { $0 + $1.points } == 42)
        #expect(all.filter { $0.mode == .simulated }.allSatisfy { $0.seeds >= 200 })
        #expect(Set(all.map(\.id)).count == all.count)
        // A mutant runs only in the simulator: no mutant may claim to be caught by the live scenario.
        let simulated = Set(all.filter { $0.mode == .simulated }.map(\.id))
        #expect(ZapsZapMutants.peers.allSatisfy { Set($0.caughtBy).isSubset(of: simulated) })
    }
}
#endif
