import LabKit
import Scenarios
import Testing
import ZapsZapKit

/// A student's seal that makes a usual mistake fails exercise 1.1 with a message naming that mistake: the
/// recorded mistakes are what lets the graders say so without a cipher.
@Suite("ZapsZap seal diagnosis")
struct SealDiagnosisTests {
    @Test("a seal with a usual mistake fails 1.1 saying which", arguments: SealMistake.allCases)
    func namesTheMistake(_ mistake: SealMistake) async throws {
        let scenario = try #require(ZapsZapScenarios.simulated(MistakenPeer.self).first { $0.id == "zapszap.1.1-sealed-datagrams" })
        let failure = await MistakenPeer.$mistake.withValue(mistake) { await ScenarioRunner.runOnce(scenario, seed: 1) }
        guard case let .wrong(_, observed)? = failure?.reason else {
            Issue.record("\(mistake): expected a wrong-answer failure, got \(failure.map(\.description) ?? "a pass")")
            return
        }
        #expect(observed.contains(mistake.advice(for: DatagramVectors.sealed[0].header)), "\(mistake): \(observed)")
    }
}
