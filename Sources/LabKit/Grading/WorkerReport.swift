/// One line the grading worker (`labrunner grade-worker`) prints, as JSON, on its protocol stream: the
/// parent (``ContainedRunner``) learns from it which scenario and seed are running when the worker dies.
package enum WorkerReport: Codable, Sendable, Equatable {
    /// A seed of a scenario is about to run.
    case started(scenario: String, seed: UInt64)
    /// The scenario ran to its end: the seeds it ran, each failing seed, and the faults its simulations injected.
    case finished(scenario: String, seedsRun: [UInt64], failures: [SeedFailure], faults: FaultModel? = nil)

    /// A failing seed as the worker saw it, with where it wrote the run's trace.
    package struct SeedFailure: Codable, Sendable, Equatable {
        package let seed: UInt64
        package let reason: ScenarioFailure.Reason
        package var trace: String?
        package var diagram: String?

        package init(seed: UInt64, reason: ScenarioFailure.Reason, trace: String? = nil, diagram: String? = nil) {
            self.seed = seed
            self.reason = reason
            self.trace = trace
            self.diagram = diagram
        }
    }
}

/// Which seeds a grading run gives each scenario, the same in the parent and in its worker.
package enum SeedPlan: Sendable, Equatable {
    /// The scenario's own seeds (``ScenarioRunner/standardSeeds(_:)``), stopping at the first failure.
    case standard
    /// Exactly this seed: a replay.
    case one(UInt64)
    /// `runs` fresh seeds, base+1 … base+runs, every one run (failure rates).
    case fresh(runs: Int, base: UInt64)

    package func seeds(for scenario: Scenario) -> [UInt64] {
        switch self {
        case .standard: ScenarioRunner.standardSeeds(scenario)
        case let .one(seed): [seed]
        case let .fresh(runs, base): (1...UInt64(max(runs, 1))).map { base &+ $0 }
        }
    }

    /// Whether a failing seed stops the scenario.
    package var keepGoing: Bool {
        if case .fresh = self { true } else { false }
    }

    /// The scenario's time limit, scaled when the plan runs more seeds than the scenario's own.
    package func timeLimit(for scenario: Scenario) -> Duration {
        let scale = max(1, (seeds(for: scenario).count + scenario.seeds - 1) / max(scenario.seeds, 1))
        return scenario.timeLimit * scale
    }

    /// The worker's options that say this plan.
    package var arguments: [String] {
        switch self {
        case .standard: []
        case let .one(seed): ["--seed", "\(seed)"]
        case let .fresh(runs, base): ["--runs", "\(runs)", "--base-seed", "\(base)"]
        }
    }
}
