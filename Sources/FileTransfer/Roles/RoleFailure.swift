import LabKit

/// Carries an error out of a role method whose protocol cannot throw — above all a skeleton's
/// `try todo("x.y")` — to the download engine or grader that called it.
///
/// The role's wrapper catches the error, reports it here and returns a harmless value; the engine checks
/// after every call and stops with "not implemented: exercise x.y" instead of running on with a half-built
/// plan:
/// ```swift
/// public mutating func nextChunk(for source: NodeID) -> Int? {
///     do { return try assign(to: source) } catch { RoleFailure.report(error); return nil }
/// }
/// ```
public enum RoleFailure {
    /// What the current engine or grader collects; `nil` outside of one.
    @TaskLocal static var current: RoleFailureSink?

    /// Records `error` for the download engine or grader running this task, which stops and reports it.
    /// Outside of one (a student's own test) the error is dropped.
    public static func report(_ error: any Error) {
        current?.record(error)
    }

    /// Runs `body`, then throws the first error a role reported while it ran: a ``NotImplemented`` stays one,
    /// so a grader fails the scenario with "not implemented: exercise x.y".
    public static func surfacing<T>(_ body: () throws -> T) throws -> T {
        let sink = RoleFailureSink()
        let value = try $current.withValue(sink) { try body() }
        try sink.check()
        return value
    }
}

/// The errors roles reported during one download or one grader check.
final class RoleFailureSink: Sendable {
    /// A reported error, kept in a form that can cross tasks.
    enum Failure: Sendable, Equatable {
        case notImplemented(NotImplemented)
        case other(String)
    }

    private let failure = Lock<Failure?>(nil)

    /// Keeps the first error reported.
    func record(_ error: any Error) {
        let reported: Failure = if let missing = error as? NotImplemented { .notImplemented(missing) } else { .other("\(error)") }
        failure.withLock { if $0 == nil { $0 = reported } }
    }

    /// The first error reported, if any.
    var first: Failure? { failure.withLock { $0 } }

    /// Throws the first error reported: the `NotImplemented` itself, or a ``RoleError`` with its description.
    func check() throws {
        switch first {
        case nil: return
        case let .notImplemented(missing)?: throw missing
        case let .other(text)?: throw RoleError(description: text)
        }
    }
}

/// An error a role reported through ``RoleFailure`` other than an unfinished exercise.
public struct RoleError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The reported error's own description.
    public let description: String
}
