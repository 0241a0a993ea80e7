/// What the runner knows about one lab: its exercises, its scenarios for a chosen implementation.
public struct LabDescriptor: Sendable {
    /// One numbered exercise step of a lab.
    public struct Exercise: Sendable, Equatable {
        public let id: String
        public let title: String
        public init(id: String, title: String) { self.id = id; self.title = title }
    }

    /// The lab's short name, used on the command line (`ping`).
    public let id: String
    /// Lab number in the course (`0` for the warm-up).
    public let number: Int
    public let title: String
    public let exercises: [Exercise]
    public let scenarios: [Scenario]

    public init(id: String, number: Int, title: String, exercises: [Exercise], scenarios: [Scenario]) {
        self.id = id
        self.number = number
        self.title = title
        self.exercises = exercises
        self.scenarios = scenarios
    }

    /// Total points of the lab.
    public var points: Int { scenarios.reduce(0) { $0 + $1.points } }
}

/// Which code a run exercises: the student's skeleton in `Sources/Labs`, or the reference in `Sources/Solutions`.
public enum Implementation: String, Sendable, CaseIterable {
    case student, solution
}
