import Catalog
import LabKit
import Testing

/// Each scenario lists the other exercises it runs (``Scenario/needs``), so that a student who has not written
/// one reads "needs video exercise 4.2" rather than a puzzle. The lists are proven, not trusted: each exercise
/// in turn is withheld from the reference solution (``Exercise/withheld``, in a grading worker), and exactly
/// the scenarios of that exercise and those that list it must fail, as not implemented; every other one passes.
@Suite("Scenarios name the exercises they need", .serialized, .enabled(if: Catalog.hasSolutions, "exercises are withheld from the solutions"))
struct NeedsTests {
    /// Every exercise of every lab, as `lab.X.Y`.
    static let exercises: [String] = Catalog.labs(.student).flatMap { lab in lab.exercises.map { "\(lab.id).\($0.id)" } }

    @Test("a scenario needs exercises of its own lab, other than its own, each once")
    func needsAreExercises() {
        for lab in Catalog.labs(.student) {
            let numbers = Set(lab.exercises.map(\.id))
            for scenario in lab.scenarios {
                #expect(Set(scenario.needs).isSubset(of: numbers), "\(scenario.id) needs exercises \(lab.id) does not have: \(scenario.needs)")
                #expect(!scenario.needs.contains(scenario.exercise), "\(scenario.id) lists its own exercise among its needs")
                #expect(scenario.needs == Array(Set(scenario.needs)).sorted { $0.split(separator: ".").compactMap { Int($0) }.lexicographicallyPrecedes($1.split(separator: ".").compactMap { Int($0) }) },
                        "\(scenario.id): list its needs once each, in order: \(scenario.needs)")
            }
        }
    }

    @Test("withholding an exercise fails its scenarios and those that need it, as not implemented, and no other", arguments: exercises)
    func withheld(_ name: String) async throws {
        let lab = try Catalog.lab(String(name.prefix { $0 != "." }), .solution)
        let exercise = String(name.drop { $0 != "." }.dropFirst())
        let executable = try #require(LabRunnerExecutable.find(), "no labrunner executable beside the tests (build it: swift build)")
        var runner = ContainedRunner(executable: executable, selection: ["--impl", "solution"])
        runner.withheld = [exercise]
        var outcomes: [String: ContainedRunner.Outcome] = [:]
        await runner.run(lab.scenarios, plan: .one(1)) { outcomes[$0.scenario.id] = $0 }
        for scenario in lab.scenarios {
            let outcome = try #require(outcomes[scenario.id], "\(scenario.id) did not run")
            let reason = outcome.failures.first?.failure.reason
            if scenario.exercise == exercise || scenario.needs.contains(exercise) {
                #expect(reason == .notImplemented(exercise: exercise), "without \(name), \(scenario.id) should fail as not implemented; it \(reason.map { "failed: \($0)" } ?? "passed")")
            } else {
                #expect(reason == nil, "without \(name), \(scenario.id) failed: \(reason.map { "\($0)" } ?? ""); list \(exercise) in its needs if it runs that code")
            }
        }
    }
}
