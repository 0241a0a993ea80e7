import Catalog
import LabKit
import Testing

/// Every mutant — a deliberately wrong solution — must fail each of the scenarios meant to catch it, and
/// every scenario must be meant to catch one (a scenario no mutant fails proves nothing), save the excused.
/// The student handout has no mutants.
@Suite("Mutants are caught", .serialized)
struct MutantTests {
    @Test("the kit ships mutants wherever it ships solutions")
    func mutantsExist() {
        #expect(Catalog.mutants.isEmpty == !Catalog.hasSolutions)
    }

    /// The scenarios no mutant is run on, each with the reason. Mutants run in this process; a live scenario
    /// that starts `labrunner node` processes runs the reference's code there, whatever it is handed.
    static let excused: [String: String] = [
        "ping.3.1-live-udp": "live: real `labrunner node` processes cannot run a mutant; its simulated twins "
            + "ping.2.2-retry-under-loss and ping.3.1-rtt are caught",
        "deposit.6.1-live-kill": "live: real `labrunner node` processes cannot run a mutant; its simulated twins "
            + "deposit.6.1-repair and deposit.4.1-recover-anywhere are caught",
        "zapszap.5.2-live-udp": "live: real `labrunner node` processes cannot run a mutant; its simulated twins "
            + "zapszap.5.2-converge-under-loss and zapszap.5.2-chaos are caught",
        "messaging.12.1-live-failover": "live: real `labrunner node` processes cannot run a mutant; its simulated parts "
            + "messaging.8.1-election, messaging.9.1-failover and messaging.11.1-crash are caught",
    ]

    @Test("every scenario of every lab is meant to catch some mutant, or is excused with a reason")
    func everyScenarioCatchesAMutant() {
        guard Catalog.hasSolutions else { return }
        let ids = Catalog.labs(.student).flatMap(\.scenarios).map(\.id)
        let caught = Set(Catalog.mutants.flatMap(\.caughtBy))
        let uncaught = ids.filter { !caught.contains($0) && Self.excused[$0] == nil }
        #expect(uncaught.isEmpty, "scenarios no mutant fails (add a mutant that does, or excuse it with a reason): \(uncaught)")
        let stale = Self.excused.keys.filter { caught.contains($0) || !ids.contains($0) }.sorted()
        #expect(stale.isEmpty, "excused scenarios that are caught after all, or do not exist: \(stale)")
        for (name, mutant) in Catalog.mutants.map({ ($0.name, $0) }) {
            let unknown = mutant.caughtBy.filter { !ids.contains($0) }
            #expect(unknown.isEmpty, "mutant '\(name)' names scenarios that do not exist: \(unknown)")
        }
    }

    @Test("mutant fails every scenario meant to catch it, by misbehaving", arguments: Catalog.mutants.map(\.name))
    func mutantIsCaught(_ name: String) async throws {
        let mutant = try #require(Catalog.mutants.first { $0.name == name })
        #expect(!mutant.caughtBy.isEmpty)
        for id in mutant.caughtBy {
            let scenario = try #require(mutant.scenarios.first { $0.id == id }, "no scenario \(id)")
            let result = await ScenarioRunner.run(scenario, seeds: ScenarioRunner.standardSeeds(scenario))
            let failure = result.failures.first?.failure
            #expect(failure != nil, "\(id) did not catch the mutant '\(name)'")
            if case .notImplemented? = failure?.reason { Issue.record("\(id) failed the mutant '\(name)' only as not implemented") }
        }
    }
}
