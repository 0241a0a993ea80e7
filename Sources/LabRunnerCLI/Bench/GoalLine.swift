/// A bench's line for one figure against its goal, marked ✔ or ✘.
enum GoalLine {
    /// `value` against an upper goal.
    static func atMost(_ label: String, _ value: Double, _ limit: Double) -> String { line(label, value, met: value <= limit) }

    /// `value` against a lower goal.
    static func atLeast(_ label: String, _ value: Double, _ limit: Double) -> String { line(label, value, met: value >= limit) }

    private static func line(_ label: String, _ value: Double, met: Bool) -> String {
        "  " + pad(label, 40) + String(format: "%8.3f  ", value) + (met ? "✔" : "✘")
    }
}
