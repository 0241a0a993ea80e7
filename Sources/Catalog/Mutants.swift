import DepositKit
import LabKit
import MessagingKit
import PingKit
import VideoKit
import ZapsZapKit
import Scenarios
#if canImport(PingSolution)
import DepositSolution
import MessagingSolution
import PingSolution
import VideoSolution
import ZapsZapSolution
#endif

/// A deliberately wrong variant of a solution, and the scenarios that must catch it.
public struct Mutant: Sendable {
    public let name: String
    /// The lab's scenarios bound to the mutant.
    public let scenarios: [Scenario]
    /// IDs of the scenarios that must each fail on it.
    public let caughtBy: [String]
}

extension Catalog {
    /// Every mutant of every lab; empty in the student handout, which has no solutions.
    public static var mutants: [Mutant] {
        #if canImport(PingSolution)
        PingMutants.clients.map { mutant in
            let scenarios: [Scenario] = PingScenarios.scenarios(server: PingServer.self, client: mutant.client)
            return Mutant(name: mutant.name, scenarios: scenarios, caughtBy: mutant.caughtBy)
        }
        + PingMutants.servers.map { mutant in
            let scenarios: [Scenario] = PingScenarios.scenarios(server: mutant.server, client: PingClient.self)
            return Mutant(name: mutant.name, scenarios: scenarios, caughtBy: mutant.caughtBy)
        }
        + VideoTrackerMutants.trackers.map { mutant in
            let scenarios: [Scenario] = TrackerScenarios.scenarios(tracker: mutant.tracker, agent: SolutionVideo.Agent.self)
            return Mutant(name: mutant.name, scenarios: scenarios, caughtBy: mutant.caughtBy)
        }
        + VideoAgentMutants.agents.map { mutant in
            let scenarios: [Scenario] = TrackerScenarios.scenarios(tracker: SolutionVideo.Tracker.self, agent: mutant.agent)
            return Mutant(name: mutant.name, scenarios: scenarios, caughtBy: mutant.caughtBy)
        }
        + VideoDataMutants.all.map { mutant in
            Mutant(name: mutant.name, scenarios: DataPlaneScenarios.all(SolutionVideo.self, replacing: mutant.replaces), caughtBy: mutant.caughtBy)
        }
        + depositMutants
        + ZapsZapMutants.peers.map { mutant in
            // Only the simulated scenarios: the live one starts `labrunner node` processes, which cannot run a mutant.
            let scenarios: [Scenario] = ZapsZapScenarios.simulated(mutant.peer)
            return Mutant(name: mutant.name, scenarios: scenarios, caughtBy: mutant.caughtBy)
        }
        + messagingMutants
        #else
        []
        #endif
    }

    #if canImport(DepositSolution)
    /// The deposit lab's mutants, each bound to every simulated deposit scenario.
    private static var depositMutants: [Mutant] {
        DepositMutants.servers.map { mutant in
            // Only the simulated scenarios: the live one starts `labrunner node` processes, which cannot run a mutant.
            let scenarios: [Scenario] = DepositScenarios.simulated(mutant.server)
            return Mutant(name: mutant.name, scenarios: scenarios, caughtBy: mutant.caughtBy)
        }
    }

    /// The messaging lab's mutants, each bound to every messaging scenario.
    private static var messagingMutants: [Mutant] {
        MessagingMutants.toolkits.map { mutant in
            let toolkit: any RSAToolkit.Type = mutant.toolkit
            return Mutant(name: mutant.name, scenarios: MessagingScenarios.scenarios(toolkit), caughtBy: mutant.caughtBy)
        }
        + MessagingMutants.processors.map { mutant in
            // Every processor mutant wraps the reference processor, which runs the reference RSA.
            let processor: any ProcessorNode.Type = mutant.processor
            return Mutant(name: mutant.name, scenarios: ProcessingScenarios.scenarios(processor, rsa: MessagingSolution.RSA.self), caughtBy: mutant.caughtBy)
        }
        + MessagingMutants.stores.map { mutant in
            let store: any PersistenceStoreNode.Type = mutant.store
            return Mutant(name: mutant.name, scenarios: MessagingScenarios.persistence(store), caughtBy: mutant.caughtBy)
        }
        + MessagingMutants.systems.map { mutant in
            let processor: any ProcessorNode.Type = mutant.processor, store: any PersistenceStoreNode.Type = mutant.store
            return Mutant(name: mutant.name, scenarios: MessagingScenarios.conversation(processor, store, rsa: MessagingSolution.RSA.self),
                          caughtBy: mutant.caughtBy)
        }
    }
    #endif
}
