/// The outcome of one scenario over its seeds.
public struct ScenarioResult: Sendable {
    public let scenario: Scenario
    /// The seeds that ran, in order.
    public let seedsRun: [UInt64]
    /// Each failing seed with its failure (grading stops at the first unless asked to go on).
    public let failures: [(seed: UInt64, failure: ScenarioFailure)]

    public var passed: Bool { failures.isEmpty && !seedsRun.isEmpty }
    public var earned: Int { passed ? scenario.points : 0 }

    public init(scenario: Scenario, seedsRun: [UInt64], failures: [(seed: UInt64, failure: ScenarioFailure)]) {
        self.scenario = scenario
        self.seedsRun = seedsRun
        self.failures = failures
    }
}
