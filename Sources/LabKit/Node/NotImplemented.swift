/// Thrown by a student skeleton's unfinished exercise; graders report it as "not implemented: exercise x.y".
public struct NotImplemented: Error, Equatable, Sendable, CustomStringConvertible {
    /// The exercise number, such as `"2.1"`.
    public let exercise: String

    public init(exercise: String) { self.exercise = exercise }

    public var description: String { "not implemented: exercise \(exercise)" }
}

/// Marks an unfinished exercise in a skeleton: `try todo("2.1")`. The scenario fails cleanly, nothing crashes.
public func todo(_ exercise: String) throws(NotImplemented) -> Never {
    throw NotImplemented(exercise: exercise)
}
