import Foundation
import LabKit

/// Writes a lab's report from its outputs: fills the language's template with the kit's sections and the
/// lab's questions, and draws the figures. Writes nothing itself (``ReportCommand`` does).
struct ReportWriter {
    let lab: LabDescriptor
    /// The lab's roles and messages; `nil` for a lab with no network yet.
    let architecture: LabArchitecture?
    /// The kit's folder, and its `report/templates`.
    let root: URL
    let language: ReportLanguage
    let inputs: ReportInputs
    /// Where REPORT.md goes.
    let out: URL
    let environment: ReportEnvironment
    let now: Date

    var templates: URL { root.appendingPathComponent("report/templates/\(language.code)") }

    /// REPORT.md as the template makes it (student sections holding their questions), and the figures beside it.
    func render() throws -> (report: String, figures: [(file: String, svg: String)]) {
        let questions = try LabQuestions(path: templates.appendingPathComponent("\(lab.id).md").path)
        let templatePath = templates.appendingPathComponent("REPORT.md").path
        guard let text = try? String(contentsOfFile: templatePath, encoding: .utf8) else { throw ReportError.missingTemplate(path: templatePath) }
        let recipe = ReportRecipe(lab: lab.id, data: relative(inputs.folder))
        // A language's lab file may name the lab in that language (`## title`); else the kit's English title.
        let title = questions["title"] ?? lab.title
        let methodology = MethodologySection(lab: lab, title: title, architecture: architecture, inputs: inputs, language: language)
        let scores = ScoreSection(lab: lab, inputs: inputs, language: language)
        let bench = BenchSection(lab: lab.id, inputs: inputs, language: language)
        let demo = DemoSection(lab: lab.id, inputs: inputs, language: language)
        let kitFolder = "Sources/Kits/\(architectureFolder)"
        var values: [String: String] = [
            "lab": lab.id, "number": "\(lab.number)", "title": title,
            "generated": EnvironmentSection.show(now),
            "introduction": introduction(questions),
            "architecture": methodology.architectureText(diagramFile: "architecture.svg", kitFolder: (kitFolder, link(to: kitFolder))),
            "protocol": methodology.protocolTable,
            "faults": methodology.faultModel,
            "scores": scores.scores,
            "failure-rates": scores.failureRates,
            "benchmarks": bench.text(command: ReportRecipe.shell(recipe.bench)),
            "demo": demo.text(command: ReportRecipe.shell(recipe.demo), viewPath: relative(out.appendingPathComponent(DemoSection.traceFile))),
            "environment": EnvironmentSection(inputs: inputs, current: environment, language: language).text,
            "references": references(questions, kitFolder: kitFolder),
            "commands": commands(recipe),
        ]
        for section in ["introduction", "design", "testing", "results", "conclusion", "references"] {
            values["questions.\(section)"] = prompt(questions[section])
        }
        let report = try ReportTemplate(text: text, file: templatePath).fill(values)
        var figures = (methodology.diagram.map { [(file: "architecture.svg", svg: $0)] } ?? []) + bench.charts
        if let diagram = demo.diagram { figures.append((DemoSection.diagramFile, diagram)) }
        return (report, figures)
    }

    /// The lab's story: in English the opening of `exercises/<lab>.md`, else the language's own text of it.
    private func introduction(_ questions: LabQuestions) -> String {
        let exercises = "exercises/\(lab.id).md"
        let source = language("intro.source", link(to: exercises))
        if let story = questions["system"] { return story + "\n\n" + source }
        let text = (try? String(contentsOf: root.appendingPathComponent(exercises), encoding: .utf8)) ?? ""
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).drop { !$0.hasPrefix("# ") }.dropFirst()
        let opening = lines.prefix { !$0.hasPrefix("## ") }.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        return opening + "\n\n" + source
    }

    private func references(_ questions: LabQuestions, kitFolder: String) -> String {
        let exercises = "exercises/\(lab.id).md"
        return ["- [\(exercises)](\(link(to: exercises))) — \(language("refs.exercises"))",
                "- [\(kitFolder)](\(link(to: kitFolder))) — \(language("refs.kit"))",
                questions["sources"]].compactMap { $0 }.joined(separator: "\n")
    }

    private func commands(_ recipe: ReportRecipe) -> String {
        ([recipe.grade, recipe.failureRates, recipe.bench] + (recipe.hasDemo ? [recipe.demo] : [])).map(ReportRecipe.shell).joined(separator: "\n")
    }

    /// The questions of a student section, as a quoted box the student replaces with their text.
    private func prompt(_ questions: String?) -> String {
        guard let questions else { return "> \(language("prompt.free"))" }
        return "> **\(language("prompt.lead"))**\n>\n" + questions.split(separator: "\n").map { "> \($0)" }.joined(separator: "\n")
    }

    /// The kit's folder for this lab (`Ping`, `ZapsZap`), as `Sources/Kits` names it.
    private var architectureFolder: String {
        let folders = (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("Sources/Kits").path)) ?? []
        return folders.first { $0.lowercased() == lab.id } ?? lab.id
    }

    /// A link from the report's folder to `path` inside the kit.
    private func link(to path: String) -> String {
        Self.relativePath(from: out, to: root.appendingPathComponent(path))
    }

    /// `url` as written from the kit's folder when it lies inside it, else in full.
    private func relative(_ url: URL) -> String {
        let path = url.standardizedFileURL.path, base = root.standardizedFileURL.path + "/"
        return path.hasPrefix(base) ? String(path.dropFirst(base.count)) : path
    }

    /// The relative path from folder `from` to `to` (`../../exercises/ping.md`).
    static func relativePath(from: URL, to: URL) -> String {
        let source = from.standardizedFileURL.pathComponents, target = to.standardizedFileURL.pathComponents
        let common = zip(source, target).prefix { $0 == $1 }.count
        return (Array(repeating: "..", count: source.count - common) + target[common...]).joined(separator: "/")
    }
}
