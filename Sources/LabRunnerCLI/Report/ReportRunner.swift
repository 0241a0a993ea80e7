import Foundation
import LabKit

/// `report --run`: runs the commands whose outputs are missing from the data folder, in this process, and
/// records the environment they ran in. Says what it runs and when; a failing grade or demo still leaves
/// its output (a student's failures belong in the report).
struct ReportRunner {
    let recipe: ReportRecipe
    let data: URL
    let root: URL
    let context: CommandContext

    /// Runs what `inputs` lacks; returns whether anything ran.
    func runMissing(_ inputs: ReportInputs) async throws -> Bool {
        try AtomicFile.makeFolder(data.path)
        var steps: [(ReportInputs.Name, [String])] = []
        if !inputs.has(.grade) { steps.append((.grade, recipe.grade)) }
        if !inputs.has(.failureRates) { steps.append((.failureRates, recipe.failureRates)) }
        if !inputs.has(.bench) { steps.append((.bench, recipe.bench)) }
        if recipe.hasDemo && !inputs.has(.demo) { steps.append((.demo, recipe.demo)) }
        guard !steps.isEmpty else {
            context.console.out("report --run: every output is already in \(recipe.data); remove one to run it again")
            return false
        }
        for (name, arguments) in steps {
            let started = Date()
            context.console.out(context.style.bold("report --run: \(EnvironmentSection.show(started)): \(ReportRecipe.shell(arguments))"))
            let transcript = TranscriptConsole(forwardingTo: context.console)
            let status = await LabRunner.main(arguments, console: transcript, environment: context.environment)
            if name == .demo {
                try AtomicFile.write(transcript.text, to: data.appendingPathComponent(name.rawValue).path)
            }
            let seconds = String(format: "%.0f", Date().timeIntervalSince(started))
            context.console.out("report --run: \(arguments.prefix(2).joined(separator: " ")) ended with status \(status) after \(seconds) s")
        }
        let environment = ReportEnvironment.current(kit: root)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try AtomicFile.write([UInt8](try encoder.encode(environment)), to: data.appendingPathComponent(ReportInputs.Name.environment.rawValue).path)
        return true
    }
}

/// A console that keeps what a command prints (to save a demo's transcript) and shows it as it comes.
final class TranscriptConsole: Console {
    private let forward: Console
    private let lines = Lock<[String]>([])

    init(forwardingTo console: Console) { forward = console }

    func out(_ text: String) {
        lines.withLock { $0.append(text) }
        forward.out(text)
    }

    func err(_ text: String) {
        lines.withLock { $0.append(text) }
        forward.err(text)
    }

    var isTerminal: Bool { false }

    /// Everything printed, one line each.
    var text: String { lines.withLock { $0.joined(separator: "\n") } + "\n" }
}
