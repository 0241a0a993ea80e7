#if canImport(DepositSolution)
import DepositLab
import DepositSolution
import LabKit
import Scenarios
import Testing

/// The deposit lab's scenarios against the reference server, and the skeleton they must fail cleanly.
@Suite("Deposit scenarios")
struct DepositScenarioTests {
    @Test("the skeleton fails every scenario with 'not implemented', without crashing")
    func skeletonFailsCleanly() async {
        await SkeletonCheck.failsAsNotImplemented(DepositScenarios.all(DepositLab.DepositServer.self))
    }

    @Test("scenario ids name the lab and an exercise; every exercise is graded; 40 points; 200 seeds each")
    func pointsAndIDs() {
        let all = DepositScenarios.all(DepositSolution.DepositServer.self)
        #expect(all.allSatisfy { $0.lab == "deposit" && $0.id.hasPrefix("deposit.\($0.exercise)-") && $0.mode == .simulated })
        #expect(Set(all.map(\.exercise)) == Set(DepositScenarios.exercises.map(\.id)))
        #expect(all.reduce(0) { $0 + $1.points } == 40)
        #expect(all.allSatisfy { $0.seeds >= 200 })
        #expect(Set(all.map(\.id)).count == all.count)
    }
}
#endif
