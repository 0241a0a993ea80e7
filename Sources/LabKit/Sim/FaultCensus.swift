/// What faults the simulations of a scenario injected: the range of every fault plan they used and how many
/// crashes, restarts and partitions they scheduled. `labrunner grade` records one per scenario in its JSON, so
/// the report states the fault model the grader really used.
public struct FaultModel: Codable, Sendable, Equatable {
    /// The smallest and largest value seen.
    public struct Span: Codable, Sendable, Equatable {
        public var min: Double
        public var max: Double

        public init(_ value: Double) { min = value; max = value }
        mutating func include(_ value: Double) { min = Swift.min(min, value); max = Swift.max(max, value) }
    }

    /// Probability that a message is lost.
    public var dropRate: Span?
    /// Probability that a message is delivered twice.
    public var duplicateRate: Span?
    /// The delays drawn, in milliseconds: the smallest lower bound and the largest upper bound.
    public var delayMilliseconds: Span?
    public var crashes = 0
    public var restarts = 0
    public var partitions = 0
    /// How many simulations the counts come from (one or more per seed).
    public var simulations = 0

    public init() {}

    mutating func include(_ plan: FaultPlan) {
        let low = Double(plan.delay.lowerBound.nanoseconds) / 1e6, high = Double(plan.delay.upperBound.nanoseconds) / 1e6
        dropRate.include(plan.dropRate)
        duplicateRate.include(plan.duplicateRate)
        delayMilliseconds.include(low)
        delayMilliseconds.include(high)
    }
}

extension FaultModel.Span? {
    fileprivate mutating func include(_ value: Double) {
        if self == nil { self = .init(value) } else { self!.include(value) }
    }
}

/// Collects the ``FaultModel`` of the simulations run inside ``record(_:)``: ``Simulation`` reports to the
/// census of the task it runs in, so nothing else needs to pass it along.
public final class FaultCensus: Sendable {
    @TaskLocal static var current: FaultCensus?
    private let model = Lock(FaultModel())

    public init() {}

    /// The faults seen so far.
    public var faults: FaultModel { model.withLock { $0 } }

    /// Runs `work` with this census collecting what its simulations inject.
    public func record<T>(_ work: () async throws -> T) async rethrows -> T {
        try await Self.$current.withValue(self) { try await work() }
    }

    static func noteSimulation(_ plan: FaultPlan) {
        current?.model.withLock { $0.simulations += 1; $0.include(plan) }
    }

    static func note(_ plan: FaultPlan) { current?.model.withLock { $0.include(plan) } }
    static func noteCrash() { current?.model.withLock { $0.crashes += 1 } }
    static func noteRestart() { current?.model.withLock { $0.restarts += 1 } }
    static func notePartition() { current?.model.withLock { $0.partitions += 1 } }
}
