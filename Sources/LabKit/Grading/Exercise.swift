import Foundation

/// Where an exercise's body begins in a reference solution, and the switch that takes it out again.
///
/// `try Exercise.begin("6.1")` opens the body (`// end exercise 6.1` closes it); `labrunner skeleton` puts
/// `try todo("6.1")` in place of both and what lies between. In the solution the call does nothing unless
/// the exercise is withheld: then it throws like the skeleton, which is how the kit proves each scenario's
/// ``Scenario/needs`` (and an instructor sees what a missing step breaks: `labrunner grade video --without 4.2`).
public enum Exercise {
    /// The exercises taken out of the reference solution in this process (numbers such as `"4.2"`, of the lab
    /// being graded): those listed, comma-separated, in `LABRUNNER_WITHOUT`. A process-wide setting rather than
    /// a task-local one, so that it reaches the threads blocking work runs on and the node processes started.
    public static let withheld: Set<String> = Set(
        (ProcessInfo.processInfo.environment[environmentVariable] ?? "").split(separator: ",").map(String.init))

    /// Throws ``NotImplemented`` for `exercise` when it is withheld; returns at once otherwise.
    @inlinable
    public static func begin(_ exercise: String) throws(NotImplemented) {
        let withheld = Self.withheld
        if !withheld.isEmpty, withheld.contains(exercise) { throw NotImplemented(exercise: exercise) }
    }

    /// The environment variable that withholds exercises in every process started from here.
    public static let environmentVariable = "LABRUNNER_WITHOUT"
}
