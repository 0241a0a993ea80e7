import Catalog
import Foundation
import LabKit

/// `labrunner report LAB`: writes `report/<lab>/REPORT.md` and its figures from the lab's latest outputs
/// (`report/<lab>/data/`), keeping what the student wrote in their sections; `--run` first runs what is missing.
struct ReportCommand: RunnerCommand {
    let spec = CommandSpec(name: "report", maxPositionals: 1, options: [
        .init(name: "out", takesValue: true), .init(name: "lang", takesValue: true), .init(name: "data", takesValue: true),
        .init(name: "run", takesValue: false), .init(name: "impl", takesValue: true),
    ], help: Help.report)

    func run(_ arguments: ParsedArguments, _ context: CommandContext) async throws -> Int32 {
        guard let id = arguments.positionals.first else { throw UsageError("report needs a lab, e.g. 'report ping'", command: "report") }
        let lab = try Catalog.lab(id, try context.implementation(arguments))
        let architecture = Catalog.architecture(of: id)  // nil for a lab with no network yet
        let code = arguments.value("lang") ?? "en"
        guard ReportLanguage.codes.contains(code) else {
            throw UsageError("--lang \(code): the report is written in \(ReportLanguage.codes.joined(separator: " or "))", command: "report")
        }
        let root = try KitRoot.locate()
        let here = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let out = arguments.value("out").map { URL(fileURLWithPath: $0, relativeTo: here) } ?? root.appendingPathComponent("report/\(id)")
        let data = arguments.value("data").map { URL(fileURLWithPath: $0, relativeTo: here) } ?? root.appendingPathComponent("report/\(id)/data")
        do {
            let language = try ReportLanguage(code, templates: root.appendingPathComponent("report/templates"))
            if arguments.flags.contains("run") {
                let recipe = ReportRecipe(lab: id, data: data.standardizedFileURL.path, impl: arguments.value("impl"))
                _ = try await ReportRunner(recipe: recipe, data: data.standardizedFileURL, root: root, context: context).runMissing(ReportInputs(folder: data))
            }
            let inputs = try ReportInputs(folder: data.standardizedFileURL)
            let writer = ReportWriter(lab: lab, architecture: architecture, root: root, language: language, inputs: inputs,
                                      out: out.standardizedFileURL, environment: ReportEnvironment.current(kit: root), now: Date())
            let written = try ReportFiles(writer: writer).write()
            context.console.out("Wrote \(Self.shown(written.report, root: root)) and \(plural(written.figures, "figure")) beside it.")
            let shown = Self.shown(data, root: root)
            let missing = ReportRecipe(lab: id, data: "").outputs.filter { !inputs.has($0) }
            if !missing.isEmpty {
                context.console.out("Not found in \(shown): \(missing.map(\.rawValue).joined(separator: ", ")) — 'labrunner report \(id) --run' runs what is missing.")
            }
            if DemoCommand.demos.contains(id), !inputs.has(.demoTrace) {
                context.console.out("No trace in \(shown): run the demo with --trace \(shown)/\(ReportInputs.Name.demoTrace.rawValue) to draw its space-time diagram.")
            }
            return 0
        } catch let error as ReportError {
            context.console.err("error: \(error)")
            return 1
        }
    }

    /// `url` from the kit's folder when inside it (as `swift run` is typed there), else in full.
    static func shown(_ url: URL, root: URL) -> String {
        let path = url.standardizedFileURL.path, base = root.path + "/"
        return path.hasPrefix(base) ? String(path.dropFirst(base.count)) : path
    }
}
