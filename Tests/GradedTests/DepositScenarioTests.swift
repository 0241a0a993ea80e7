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
        await SkeletonCheck.failsAsNotImplemented(DepositScenarios.all(DepositLab.DepositServer.self, processes: .labRunner(.student)))
    }

    @Test("scenario ids name the lab and an exercise; every exercise is graded; 46 points; 200 seeds each but the live one")
    func pointsAndIDs() {
        let all = DepositScenarios.all(DepositSolution.DepositServer.self, processes: .labRunner(.solution))
        let simulated = all.filter { $0.mode == .simulated }
        #expect(all.allSatisfy { $0.lab == "deposit" && $0.id.hasPrefix("deposit.\($0.exercise)-") })
        #expect(all.filter { $0.mode == .live }.map(\.id) == ["deposit.6.1-live-kill"])
        #expect(Set(simulated.map(\.exercise)) == Set(DepositScenarios.exercises.map(\.id)))
        #expect(all.reduce(0) { $0 + $1.points } == 46)
        #expect(simulated.allSatisfy { $0.seeds >= 200 })
        #expect(Set(all.map(\.id)).count == all.count)
    }

    @Test("without a labrunner to start the servers, the live scenario fails saying so")
    func liveWithoutExecutable() async {
        await LiveScenarioCheck.failsWithoutExecutable(DepositScenarios.live(NodeProcesses(executable: nil, impl: .solution)))
    }

    @Test("the live scenario passes the reference with a 256 MiB file: pipelined copies over real sockets, SIGKILL, recovery, repair")
    func liveGiantFile() async throws {
        try await DepositScenarios.killAfterAcknowledgement(.labRunner(.solution), bytes: 256 << 20, seed: 256)
    }
}
#endif
