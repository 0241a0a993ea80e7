/// Why a scenario failed on one seed, with the trace of the run when there is one.
public struct ScenarioFailure: Error, Sendable, CustomStringConvertible {
    public enum Reason: Sendable, Equatable, Codable {
        /// The skeleton's `todo("x.y")` was reached.
        case notImplemented(exercise: String)
        /// The implementation ran but did the wrong thing.
        case wrong(expected: String, observed: String)
        /// A node threw an error, or the run blew a limit.
        case crashed(String)
        /// The scenario did not finish in time: a live seed past its deadline, or any scenario past its
        /// ``Scenario/timeLimit`` (an endless loop), stopped by killing the process that ran it.
        case timedOut(after: Duration)
        /// The process running the scenario died: a trap (index out of range, overflow, force unwrap of nil),
        /// memory exhausted, a signal. Says what the runtime said, and where in the sources when it knows.
        case trapped(String)
    }

    public var reason: Reason
    /// The events of the failing run, written next to the report as JSONL and SVG.
    public var trace: [TraceEvent]

    public init(_ reason: Reason, trace: [TraceEvent] = []) {
        self.reason = reason
        self.trace = trace
    }

    /// Maps a simulator stop to a failure: an unfinished exercise or a crashed node.
    public init(_ error: SimulationError, trace: [TraceEvent]) {
        if let missing = error.notImplemented {
            self.init(.notImplemented(exercise: missing.exercise), trace: trace)
        } else {
            self.init(.crashed(error.description), trace: trace)
        }
    }

    public var description: String {
        switch reason {
        case let .notImplemented(exercise): "not implemented: exercise \(exercise)"
        case let .wrong(expected, observed): "expected \(expected); observed \(observed)"
        case let .crashed(reason): "crashed: \(reason)"
        case let .timedOut(after): "timed out after \(Self.seconds(after))"
        case let .trapped(reason): "trapped: \(reason)"
        }
    }

    /// `5 s`, `0.25 s`: a time limit as a student reads it.
    static func seconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let milliseconds = attoseconds / 1_000_000_000_000_000
        return milliseconds == 0 ? "\(seconds) s" : "\(Double(seconds) + Double(milliseconds) / 1000) s"
    }
}

/// Fails the scenario unless `condition` holds, saying what was expected and what happened instead.
public func expect(_ condition: Bool, _ expected: @autoclosure () -> String, observed: @autoclosure () -> String,
                   trace: @autoclosure () -> [TraceEvent] = []) throws(ScenarioFailure) {
    guard condition else { throw ScenarioFailure(.wrong(expected: expected(), observed: observed()), trace: trace()) }
}

extension Simulation {
    /// Runs the simulation until `deadline` for a scenario, turning a stop into a ``ScenarioFailure``.
    public func grade(until deadline: Duration) throws(ScenarioFailure) {
        do { try run(until: deadline) } catch { throw ScenarioFailure(error, trace: trace) }
    }

    /// Runs until `done` holds or `deadline`, turning a stop into a ``ScenarioFailure``; returns whether `done` held.
    @discardableResult
    public func grade(until done: (Simulation) -> Bool, deadline: Duration) throws(ScenarioFailure) -> Bool {
        do { return try run(until: done, deadline: deadline) } catch { throw ScenarioFailure(error, trace: trace) }
    }

    /// Runs until `done` holds or `deadline`, calling `invariants` after every event: the first failure it
    /// throws stops the run and fails the scenario. Returns whether `done` held. What a lab's oracle runs on.
    @discardableResult
    public func grade(until done: (Simulation) -> Bool, deadline: Duration,
                      checking invariants: () throws(ScenarioFailure) -> Void) throws(ScenarioFailure) -> Bool {
        var violation: ScenarioFailure?
        let held = try grade(until: { sim in
            do throws(ScenarioFailure) { try invariants() } catch {
                violation = error
                return true
            }
            return done(sim)
        }, deadline: deadline)
        if let violation { throw violation }
        return held
    }
}
