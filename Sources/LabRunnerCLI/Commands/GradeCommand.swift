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
    ], help: Help.grade)

    func run(_ arguments: ParsedArguments, _ context: CommandContext) async throws -> Int32 {
        let impl = try context.implementation(arguments)
        let labs = try arguments.positionals.first.map { [try Catalog.lab($0, impl)] } ?? Catalog.labs(impl)
        let mutant = try arguments.value("mutant").map { name throws(CatalogError) in try Catalog.mutant(named: name) }
        var selected = mutant.map { mutant in mutant.scenarios.filter { scenario in labs.contains { $0.id == scenario.lab } } }
            ?? labs.flatMap(\.scenarios)
        if let exercise = arguments.value("exercise") {
            selected = selected.filter { $0.exercise == exercise }
            guard !selected.isEmpty else { throw UsageError("no scenario grades exercise '\(exercise)' (see 'labrunner list')", command: "grade") }
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
        let grader = Grader(context: context, impl: impl, mutant: mutant?.name, traceDirectory: arguments.value("traces") ?? "traces")
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
}
