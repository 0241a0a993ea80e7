import LabKit

/// The kit's parts of the Methodology: the architecture diagram, the protocol table and the fault model.
struct MethodologySection {
    let lab: LabDescriptor
    /// The lab's title in the report's language.
    let title: String
    /// `nil` for a lab with no network yet: the sections say so instead of drawing.
    let architecture: LabArchitecture?
    let inputs: ReportInputs
    let language: ReportLanguage

    /// The architecture diagram's SVG, drawn from the lab's declared roles and messages.
    var diagram: String? {
        architecture.map {
            ArchitectureDiagram(title: language("architecture.title", title), subtitle: language("architecture.subtitle")).render($0)
        }
    }

    /// The diagram's image and a sentence naming the roles; `kitFolder` is the contract's folder and its link.
    func architectureText(diagramFile: String, kitFolder: (name: String, link: String)) -> String {
        guard let architecture else { return language("architecture.none", "[`\(kitFolder.name)`](\(kitFolder.link))") }
        let roles = architecture.roles.map { "**\($0.name)** (× \($0.count))" }.joined(separator: ", ")
        return """
        ![\(language("architecture.alt", lab.id))](\(diagramFile))

        \(language("architecture.text", roles, "\(architecture.flows.count)", "[`\(kitFolder.name)`](\(kitFolder.link))"))
        """
    }

    var protocolTable: String {
        guard let architecture else { return language("protocol.none") }
        var table = MarkdownTable([language("protocol.message"), language("protocol.route"), language("protocol.channel"),
                                   language("protocol.meaning"), language("protocol.type")])
        for flow in architecture.flows {
            table.add("`\(flow.name)`", "\(flow.from) → \(flow.to)", flow.channel, flow.meaning, "`\(flow.type)` #\(flow.tag)")
        }
        return language("protocol.lead", architecture.messageTypes.map { "`\($0)`" }.joined(separator: ", ")) + "\n\n" + table.text
    }

    /// The faults each scenario's simulations injected, as the grade recorded them.
    var faultModel: String {
        guard let grade = inputs.grade ?? inputs.failureRates else { return language("faults.missing") }
        var table = MarkdownTable([language("faults.scenario"), language("faults.loss"), language("faults.duplicates"),
                                   language("faults.delay"), language("faults.crashes"), language("faults.partitions")])
        var total = FaultModel()
        for row in grade.scenarios {
            guard let faults = row.faults, faults.simulations > 0 else {
                // A simulated scenario that builds no network checks the code directly (placement, vectors).
                table.add("`\(row.id)`", language(row.mode == Scenario.Mode.simulated.rawValue ? "faults.direct" : "faults.live"), "", "", "", "")
                continue
            }
            total.simulations += faults.simulations
            total.crashes += faults.crashes
            total.restarts += faults.restarts
            total.partitions += faults.partitions
            total.dropRate = widest(total.dropRate, faults.dropRate)
            total.duplicateRate = widest(total.duplicateRate, faults.duplicateRate)
            total.delayMilliseconds = widest(total.delayMilliseconds, faults.delayMilliseconds)
            table.add("`\(row.id)`", span(faults.dropRate, percent: true), span(faults.duplicateRate, percent: true),
                      span(faults.delayMilliseconds, percent: false) + " ms",
                      language("faults.crashCount", language.number(faults.crashes), language.number(faults.restarts)),
                      language.number(faults.partitions))
        }
        guard total.simulations > 0 else { return language("faults.noNetwork") + "\n\n" + table.text }
        let summary = language("faults.summary", language.number(total.simulations), span(total.dropRate, percent: true),
                               span(total.duplicateRate, percent: true), span(total.delayMilliseconds, percent: false),
                               language.number(total.crashes), language.number(total.restarts), language.number(total.partitions))
        return summary + "\n\n" + table.text + "\n\n" + language("faults.note")
    }

    private func widest(_ a: FaultModel.Span?, _ b: FaultModel.Span?) -> FaultModel.Span? {
        guard var a else { return b }
        guard let b else { return a }
        a.min = min(a.min, b.min)
        a.max = max(a.max, b.max)
        return a
    }

    /// `20 %`, `0–30 %`, `1–80`.
    private func span(_ span: FaultModel.Span?, percent: Bool) -> String {
        guard let span else { return "–" }
        let show = { (value: Double) in percent ? language.percent(value) : language.number(value) }
        if span.min == span.max { return show(span.min) }
        return percent ? "\(language.percentNumber(span.min))–\(show(span.max))" : "\(show(span.min))–\(show(span.max))"
    }
}
