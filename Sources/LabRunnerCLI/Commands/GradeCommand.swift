import Catalog
import Foundation
import LabKit

/// `labrunner grade`: runs scenarios and prints the score table, failures with their replay command and
/// trace, failure rates over fresh seeds (`--runs`), and JSON results (`--json`).
struct GradeCommand: RunnerCommand {
    let spec = CommandSpec(name: "grade", maxPositionals: 1, options: [
        .init(name: "exercise", takesValue: true), .init(name: "scenario", takesValue: true),
        .init(name: "seed", takesValue: true), .init(name: "runs", takesValue: true),
        .init(name: "impl", takesValue: true), .init(name: "json", takesValue: true),
        .init(name: "traces", takesValue: true), .init(name: "mutant", takesValue: true),
        .init(name: "without", takesValue: true),
    ], help: Help.grade)

    func run(_ arguments: ParsedArguments, _ context: CommandContext) async throws -> Int32 {
        let impl = try context.implementation(arguments)
        var labs = try arguments.positionals.first.map { [try Catalog.lab($0, impl)] } ?? Catalog.labs(impl)
        let mutant = try arguments.value("mutant").map { name throws(CatalogError) in try Catalog.mutant(named: name) }
        var selected = mutant.map { mutant in mutant.scenarios.filter { scenario in labs.contains { $0.id == scenario.lab } } }
            ?? labs.flatMap(\.scenarios)
        if let option = arguments.value("exercise") {
            let (lab, exercise) = try Self.exercise(option, within: labs)
            labs = [lab]
            selected = selected.filter { $0.lab == lab.id && $0.exercise == exercise }
        }
        if let id = arguments.value("scenario") {
            selected = selected.filter { $0.id == id }
            guard !selected.isEmpty else {
                throw UsageError("no scenario '\(id)' (ids: \(labs.flatMap(\.scenarios).map(\.id).joined(separator: ", ")))", command: "grade")
            }
        }
        let seed = try arguments.integer("seed", in: 0...Int.max, command: "grade").map(UInt64.init)
        let runs = try arguments.integer("runs", in: 1...1_000_000, command: "grade")
        if seed != nil && arguments.value("scenario") == nil && runs == nil {
            throw UsageError("--seed replays one scenario: add --scenario ID", command: "grade")
        }
        var grader = Grader(context: context, impl: impl, mutant: mutant?.name, traceDirectory: arguments.value("traces") ?? "traces")
        if let option = arguments.value("without") {
            grader.withheld = try Self.withheld(option, labs: labs, impl: impl, mutant: mutant != nil)
        }
        let report: GradeReport
        if let runs {
            report = await grader.failureRates(selected, runs: runs, baseSeed: seed ?? UInt64(Date().timeIntervalSince1970 * 1000))
        } else if let seed {
            report = await grader.grade(selected, plan: .one(seed))
        } else {
            report = await grader.grade(selected, plan: .standard)
        }
        if let path = arguments.value("json") {
            try JSONResults.write(report.document, to: path, console: context.console)
        }
        return report.allPassed ? 0 : 1
    }

    /// The exercises `--without 4.2,5.1` takes out of the reference solution: only of the solution, within one lab.
    static func withheld(_ option: String, labs: [LabDescriptor], impl: Implementation, mutant: Bool) throws(UsageError) -> [String] {
        guard impl == .solution, !mutant else {
            throw UsageError("--without takes exercises out of the reference solution: use it with --impl solution", command: "grade")
        }
        guard labs.count == 1, let lab = labs.first else {
            throw UsageError("--without names exercises of one lab: say which, e.g. 'grade video --without 4.2'", command: "grade")
        }
        let numbers = option.split(separator: ",").map(String.init)
        let unknown = numbers.filter { number in !lab.exercises.contains { $0.id == number } }
        guard !numbers.isEmpty, unknown.isEmpty else {
            throw UsageError("--without \(option): \(lab.id) has exercises \(lab.exercises.map(\.id).joined(separator: ", "))", command: "grade")
        }
        return numbers
    }

    /// The lab and exercise `--exercise` names: `2.2` within the one lab graded (or the one lab that has it),
    /// or `ping.2.2`. An exercise number several labs have needs its lab.
    static func exercise(_ option: String, within labs: [LabDescriptor]) throws(UsageError) -> (LabDescriptor, String) {
        var candidates = labs
        var exercise = option
        if let dot = option.firstIndex(of: "."), option[..<dot].allSatisfy(\.isLetter) {
            let name = String(option[..<dot])
            exercise = String(option[option.index(after: dot)...])
            candidates = labs.filter { $0.id == name }
            guard !candidates.isEmpty else {
                throw UsageError("--exercise \(option) names lab '\(name)', which is not graded here (labs: \(labs.map(\.id).joined(separator: ", ")))", command: "grade")
            }
        }
        let having = candidates.filter { lab in lab.scenarios.contains { $0.exercise == exercise } }
        guard let lab = having.first else {
            throw UsageError("no scenario grades exercise '\(option)': 'labrunner list' shows the exercises", command: "grade")
        }
        guard having.count == 1 else {
            let names = having.map(\.id)
            throw UsageError("exercise \(exercise) is in \(names.joined(separator: ", ")): say which lab, e.g. 'grade \(names[0]) --exercise \(exercise)' or '--exercise \(names[0]).\(exercise)'", command: "grade")
        }
        return (lab, exercise)
    }
}
