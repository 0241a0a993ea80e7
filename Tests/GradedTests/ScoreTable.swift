import LabKit
import Testing

/// The score of the graded scenarios, printed once the graded suite is done — per lab, points per exercise —
/// so a student running `swift test` reads it near the end instead of digging through the test log.
final class ScoreTable: Sendable {
    /// Every graded scenario's outcome so far.
    static let shared = ScoreTable()
    private let earned = Lock<[(scenario: Scenario, passed: Bool)]>([])

    /// Notes how `scenario` went.
    func record(_ scenario: Scenario, passed: Bool) {
        earned.withLock { $0.append((scenario, passed)) }
    }

    /// The table: a line per lab with its points, then a line per exercise.
    var text: String {
        let results = earned.withLock { $0 }
        guard !results.isEmpty else { return "" }
        var lines = ["", "Score (the graded scenarios; details above, and in 'swift run labrunner grade'):"]
        var labs: [String] = []
        for (scenario, _) in results where !labs.contains(scenario.lab) { labs.append(scenario.lab) }
        for lab in labs {
            let ofLab = results.filter { $0.scenario.lab == lab }
            lines.append("  \(lab): \(ofLab.filter(\.passed).reduce(0) { $0 + $1.scenario.points })/\(ofLab.reduce(0) { $0 + $1.scenario.points }) points")
            var exercises: [String] = []
            for (scenario, _) in ofLab where !exercises.contains(scenario.exercise) { exercises.append(scenario.exercise) }
            for exercise in exercises {
                let ofExercise = ofLab.filter { $0.scenario.exercise == exercise }
                let got = ofExercise.filter(\.passed).reduce(0) { $0 + $1.scenario.points }, all = ofExercise.reduce(0) { $0 + $1.scenario.points }
                lines.append("    \(exercise)  \(got)/\(all)\(got == all ? "" : "  ✘ \(ofExercise.filter { !$0.passed }.map(\.scenario.id).joined(separator: ", "))")")
            }
        }
        return lines.joined(separator: "\n")
    }
}

/// Prints ``ScoreTable/shared`` when the suite it marks has run all its tests.
struct PrintsScoreTable: SuiteTrait, TestScoping {
    var isRecursive: Bool { false }

    func provideScope(for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void) async throws {
        try await function()
        print(ScoreTable.shared.text)
    }
}
