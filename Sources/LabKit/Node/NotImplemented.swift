/// Thrown by a student skeleton's unfinished exercise; graders report it as "not implemented: exercise x.y".
public struct NotImplemented: Error, Equatable, Sendable, CustomStringConvertible {
    /// The exercise number, such as `"2.1"`.
    public let exercise: String

    public init(exercise: String) { self.exercise = exercise }

    /// Recovers the exercise from an error's description ("not implemented: exercise 2.1"), for errors that
    /// carried it across a driver as text; `nil` for any other text.
    public init?(describedBy text: String) {
        let prefix = "not implemented: exercise "
        guard text.hasPrefix(prefix) else { return nil }
        self.init(exercise: String(text.dropFirst(prefix.count)))
    }

    /// Finds the exercise in a line a node process printed ("error: node alice stopped: not implemented:
    /// exercise 1.1"), for drivers that see a node only through its output; `nil` for any other line.
    package init?(foundIn line: String) {
        guard let mark = line.range(of: "not implemented: exercise ") else { return nil }
        let exercise = line[mark.upperBound...].prefix { $0.isNumber || $0 == "." }
        let trimmed = exercise.hasSuffix(".") ? exercise.dropLast() : exercise
        guard !trimmed.isEmpty else { return nil }
        self.init(exercise: String(trimmed))
    }

    public var description: String { "not implemented: exercise \(exercise)" }
}

/// Marks an unfinished exercise in a skeleton: `try todo("2.1")`. The scenario fails cleanly, nothing crashes.
public func todo(_ exercise: String) throws(NotImplemented) -> Never {
    throw NotImplemented(exercise: exercise)
}
