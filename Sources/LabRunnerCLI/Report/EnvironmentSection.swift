import Foundation

/// The kit's environment part of the Results: the machine and commit the outputs came from, and when each
/// output was written.
struct EnvironmentSection {
    let inputs: ReportInputs
    /// The environment now, used when the outputs did not record one.
    let current: ReportEnvironment
    let language: ReportLanguage

    var text: String {
        let environment = inputs.environment ?? current
        var machine = MarkdownTable([language("env.what"), language("env.value")])
        machine.add(language("env.os"), environment.os)
        machine.add(language("env.cpu"), "\(environment.cpu) (\(language("env.cores", language.number(environment.cores))))")
        machine.add(language("env.swift"), environment.swift)
        machine.add(language("env.commit"), "`\(environment.commit)`")
        machine.add(language("env.recorded"), Self.show(ISO8601DateFormatter().date(from: environment.recorded)))
        var outputs = MarkdownTable([language("env.output"), language("env.written")])
        for name in ReportInputs.Name.allCases where inputs.has(name) {
            outputs.add("[data/\(name.rawValue)](data/\(name.rawValue))", Self.show(inputs.written[name]))
        }
        let lead = inputs.environment == nil ? language("env.now") : language("env.recordedLead", "[data/environment.json](data/environment.json)")
        return lead + "\n\n" + machine.text + "\n\n" + (outputs.rows.isEmpty ? language("env.noOutputs") : outputs.text)
    }

    /// A time as `2025-06-01 14:03 UTC`.
    static func show(_ date: Date?) -> String {
        guard let date else { return "–" }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm 'UTC'"
        return formatter.string(from: date)
    }
}
