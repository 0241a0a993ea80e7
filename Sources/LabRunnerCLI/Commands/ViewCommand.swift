import Foundation
import LabKit

/// `labrunner view TRACE.jsonl [--out FILE]`: writes the trace's interactive page (one offline HTML file)
/// and says how to open it.
struct ViewCommand: RunnerCommand {
    let spec = CommandSpec(name: "view", maxPositionals: 1, options: [.init(name: "out", takesValue: true)], help: Help.view)

    func run(_ arguments: ParsedArguments, _ context: CommandContext) async throws -> Int32 {
        guard let trace = arguments.positionals.first else {
            throw UsageError("view needs a trace, e.g. 'view traces/ping.1.1-answer.seed1.jsonl'", command: "view")
        }
        if trace.hasSuffix(".svg") || trace.hasSuffix(".html") {
            let jsonl = String(trace[..<trace.lastIndex(of: ".")!]) + ".jsonl"
            throw UsageError("view reads the trace, not a drawing of it: try '\(jsonl)'", command: "view")
        }
        let page = arguments.value("out") ?? TraceViewer.defaultPath(for: trace)
        let written: (events: Int, nodes: Int)
        do { written = try TraceViewer.write(trace: trace, to: page) } catch {
            context.console.err("error: \(error)")
            return 1
        }
        context.console.out("Wrote \(page) (\(plural(written.events, "event")), \(plural(written.nodes, "node")); one file, works offline).")
        context.console.out("Open it in a browser: \(URL(fileURLWithPath: page).standardizedFileURL.absoluteString)")
        context.console.out("Keys: → / ← step through the events, f jumps to the failure, / searches, Enter finds the next match.")
        return 0
    }
}
