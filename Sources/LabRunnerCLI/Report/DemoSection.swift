import Foundation
import LabKit

/// The kit's demo part of the Results: the end of the demo's transcript, and the space-time diagram of its
/// trace, with the trace kept beside the report for `labrunner view`.
struct DemoSection {
    let lab: String
    let inputs: ReportInputs
    let language: ReportLanguage

    static let traceFile = "demo-trace.jsonl", diagramFile = "demo-trace.svg"
    /// How many of the transcript's last lines the report shows (its summary).
    static let shownLines = 14

    /// The diagram of the demo's trace, if there is one.
    var diagram: String? {
        inputs.demoTrace.map { SpaceTimeDiagram(title: language("demo.diagramTitle", lab), maxEvents: 300).render($0) }
    }

    /// The section's Markdown; `viewPath` is the trace's path as `labrunner view` is given it.
    func text(command: String, viewPath: String) -> String {
        guard DemoCommand.demos.contains(lab) else { return language("demo.none") }
        var parts: [String] = []
        if let demo = inputs.demo {
            let lines = Self.plain(demo).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let tail = lines.reversed().drop { $0.isEmpty }.prefix(Self.shownLines).reversed()
            parts.append(language("demo.lead", "`\(command)`", language.number(lines.count), "[data/demo.txt](data/demo.txt)"))
            parts.append("```\n" + tail.joined(separator: "\n") + "\n```")
        } else {
            parts.append(language("demo.missing", "`\(command)`"))
        }
        if let events = inputs.demoTrace {
            let nodes = Set(events.map(\.node) + events.compactMap(\.peer)).count
            parts.append("![\(language("demo.diagramAlt"))](\(Self.diagramFile))")
            parts.append(language("demo.trace", "[\(Self.traceFile)](\(Self.traceFile))", language.number(events.count),
                                  language.number(nodes), "`swift run labrunner view \(viewPath)`"))
        } else {
            parts.append(language("demo.noTrace", "`data/\(Self.traceFile)`", "`labrunner demo \(lab) --trace report/\(lab)/data/\(Self.traceFile)`"))
        }
        return parts.joined(separator: "\n\n")
    }

    /// `text` without terminal color codes, with other control characters made visible.
    static func plain(_ text: String) -> String {
        var out = ""
        var escape = false
        for scalar in text.unicodeScalars {
            if escape { if scalar.properties.isAlphabetic { escape = false }; continue }
            if scalar == "\u{1B}" { escape = true; continue }
            out.unicodeScalars.append(scalar)
        }
        return out.split(separator: "\n", omittingEmptySubsequences: false).map { String($0).escapingControlCharacters }.joined(separator: "\n")
    }
}
