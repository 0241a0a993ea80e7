import LabKit
import Scenarios
#if canImport(PingSolution)
import PingSolution
#endif

/// A deliberately wrong variant of a solution, and the scenarios that must catch it.
public struct Mutant: Sendable {
    public let name: String
    /// The lab's scenarios bound to the mutant.
    public let scenarios: [Scenario]
    /// IDs of the scenarios of which at least one must fail.
    public let caughtBy: [String]
}

extension Catalog {
    /// Every mutant of every lab; empty in the student handout.
    public static var mutants: [Mutant] {
        #if canImport(PingSolution)
        [
            Mutant(name: "ping: client never retries",
                   scenarios: PingScenarios.scenarios(server: PingServer.self, client: NoRetryClient.self),
                   caughtBy: ["ping.2.2-retry-silent-server", "ping.2.2-retry-under-loss"]),
            Mutant(name: "ping: round trip measured from the first try",
                   scenarios: PingScenarios.scenarios(server: PingServer.self, client: FirstAttemptRTTClient.self),
                   caughtBy: ["ping.3.1-rtt"]),
        ]
        #else
        []
        #endif
    }
}
