/// The faults a simulated network injects: applied to every message with the seeded generator, so a seed
/// replays the same losses, copies and delays. Scheduled faults (crashes, partitions) go through
/// ``Simulation/schedule(at:_:)`` and the simulation's crash, restart, partition and heal methods.
public struct FaultPlan: Sendable, Equatable {
    /// Probability that a message is lost.
    public var dropRate: Double
    /// Probability that a message that was not lost is delivered twice (the copy gets its own delay).
    public var duplicateRate: Double
    /// Each delivery takes a delay drawn uniformly from this range; a wide range reorders messages.
    public var delay: ClosedRange<Duration>

    public init(dropRate: Double = 0, duplicateRate: Double = 0, delay: ClosedRange<Duration> = .milliseconds(1)...(.milliseconds(1))) {
        precondition((0...1).contains(dropRate) && (0...1).contains(duplicateRate), "fault rates must lie in 0...1")
        self.dropRate = dropRate
        self.duplicateRate = duplicateRate
        self.delay = delay
    }

    /// No faults and no added delay: what a real node injects unless asked to.
    public static let none = FaultPlan(delay: .zero...(.zero))

    /// A perfect network with a fixed 1 ms latency.
    public static let reliable = FaultPlan()

    /// Loses, copies and reorders: `lossy(0.3)` drops 30 % and delays 1–50 ms.
    public static func lossy(_ dropRate: Double, duplicateRate: Double = 0, delay: ClosedRange<Duration> = .milliseconds(1)...(.milliseconds(50))) -> FaultPlan {
        FaultPlan(dropRate: dropRate, duplicateRate: duplicateRate, delay: delay)
    }
}
