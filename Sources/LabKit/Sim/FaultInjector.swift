/// Decides what a faulty network does to each message a node sends: lost, or delivered once or twice, each
/// copy after its own delay, all drawn from a seeded generator. The simulator and the real shell both use
/// it, so a fault plan means the same thing, draw for draw, in both.
struct FaultInjector {
    /// What happens to one message.
    enum Fate: Equatable {
        /// The network loses it.
        case lost
        /// It arrives once, after `delay`.
        case delivered(after: Duration)
        /// The network copies it: it arrives twice, after each delay.
        case duplicated(after: Duration, and: Duration)
    }

    /// The faults applied from now on (a scenario may change them mid-run).
    var plan: FaultPlan
    private var random: SeededRandom

    init(plan: FaultPlan, random: SeededRandom) {
        self.plan = plan
        self.random = random
    }

    /// The fate of the next message: loss first, then whether it is copied, then each copy's delay.
    mutating func nextFate() -> Fate {
        if random.chance(plan.dropRate) { return .lost }
        guard random.chance(plan.duplicateRate) else { return .delivered(after: delay()) }
        let first = delay()
        return .duplicated(after: first, and: delay())
    }

    /// A delay drawn uniformly from the plan's range.
    private mutating func delay() -> Duration {
        let low = plan.delay.lowerBound.nanoseconds, high = plan.delay.upperBound.nanoseconds
        return .nanoseconds(low == high ? low : Int64.random(in: low...high, using: &random))
    }
}
