import Catalog
import LabKit

/// `labrunner list`: every lab with its exercises and points.
struct ListCommand: RunnerCommand {
    let spec = CommandSpec(name: "list", maxPositionals: 0, options: [.init(name: "impl", takesValue: true)], help: Help.list)

    func run(_ arguments: ParsedArguments, _ context: CommandContext) async throws -> Int32 {
        let style = context.style
        for lab in Catalog.labs(try context.implementation(arguments)) {
            context.console.out(style.bold("\(lab.id)") + " — lab \(lab.number): \(lab.title) (\(lab.points) points, exercises/\(lab.id).md)")
            for exercise in lab.exercises {
                let scenarios = lab.scenarios.filter { $0.exercise == exercise.id }
                let points = scenarios.reduce(0) { $0 + $1.points }
                let needs = lab.exercises.map(\.id).filter { id in scenarios.contains { $0.needs.contains(id) } }
                let after = needs.isEmpty ? "" : "; graded with exercise\(needs.count == 1 ? "" : "s") \(needs.joined(separator: ", "))"
                context.console.out("  \(exercise.id)  \(exercise.title) — \(plural(points, "point")), \(plural(scenarios.count, "scenario"))\(after)")
            }
        }
        return 0
    }
}
