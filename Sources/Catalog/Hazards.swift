import LabKit
import PingKit
import Scenarios
#if canImport(PingSolution)
import PingSolution
#endif

extension Catalog {
    /// Implementations that trap, loop forever or eat memory (`Sources/Solutions/<Lab>/Hazards`), each with
    /// the scenarios it fails; empty in the student handout. Never run them in this process: only through
    /// ``ContainedRunner``, as `labrunner grade --mutant NAME` does.
    public static var hazards: [Mutant] {
        #if canImport(PingSolution)
        PingHazards.servers.map { hazard in
            let scenarios = PingScenarios.scenarios(server: hazard.server, client: PingClient.self).map { scenario in
                var scenario = scenario
                // A simulated scenario's loop is stopped by its seed's limit, a live one's by the scenario's.
                if let limit = hazard.timeLimit, hazard.caughtBy.contains(scenario.id) {
                    if scenario.mode == .simulated { scenario.seedTimeLimit = limit } else { scenario.timeLimit = limit }
                }
                return scenario
            }
            return Mutant(name: hazard.name, scenarios: scenarios, caughtBy: hazard.caughtBy)
        }
        #else
        []
        #endif
    }

    /// The mutant or hazard called `name`, for `labrunner grade --mutant NAME`.
    public static func mutant(named name: String) throws(CatalogError) -> Mutant {
        guard hasSolutions else { throw .noSolutions }
        let all = mutants + hazards
        guard let found = all.first(where: { $0.name == name }) else { throw .unknownMutant(name, known: all.map(\.name)) }
        return found
    }
}
