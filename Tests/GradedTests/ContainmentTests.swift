import Catalog
import LabKit
import Testing

/// The hazards — implementations that trap, loop forever or eat memory — fail their scenarios with the
/// runtime's words and the place in the sources, while every other scenario of the lab still runs and passes:
/// the path `swift test` grades by. (`RunnerProcessTests` checks the same of `labrunner grade`.)
@Suite("Student code is contained", .serialized, .enabled(if: Catalog.hasSolutions, "the hazards live with the solutions"))
struct ContainmentTests {
    /// What each hazard's failures must say.
    static let expected: [String: String] = [
        "ping hazard: index out of range": "trapped: Index out of range — at Sources/Solutions/Ping/Hazards/PingHazards.swift:",
        "ping hazard: arithmetic overflow": "trapped: arithmetic overflow — at Sources/Solutions/Ping/Hazards/PingHazards.swift:",
        "ping hazard: force unwrap of nil": "trapped: Unexpectedly found nil while unwrapping an Optional value — at Sources/Solutions/Ping/Hazards/PingHazards.swift:",
        "ping hazard: endless loop": "timed out after 5 s",
        "ping hazard: runaway memory": "trapped: ran out of memory (the limit is 512 MiB)",
    ]

    @Test("a hazard fails exactly the scenarios it should, saying how; the others pass", arguments: Catalog.hazards.map(\.name))
    func hazardIsContained(_ name: String) async throws {
        let hazard = try #require(Catalog.hazards.first { $0.name == name })
        let failures = try await Contained.failures(of: hazard.scenarios, selection: ["--mutant", name], memoryLimitMiB: 512)
        #expect(failures.map(\.scenario.id) == hazard.caughtBy)
        let said = try #require(Self.expected[name], "no expected message for \(name)")
        for failure in failures {
            #expect(failure.failure.description.hasPrefix(said), "\(failure.text)")
        }
    }
}
