import LabKit

/// A duration in seconds with millisecond precision, for failure messages: `2.513 s`.
func time(_ duration: Duration) -> String { "\(duration.milliseconds.rounded() / 1000) s" }

/// A uniformly random duration between two bounds, in milliseconds.
func randomTime(_ range: ClosedRange<Int>, _ random: inout SeededRandom) -> Duration {
    .milliseconds(Int.random(in: range, using: &random))
}
