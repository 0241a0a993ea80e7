/// The parts of a report a student owns: each between `<!-- student:begin NAME -->` and
/// `<!-- student:end NAME -->` on lines of their own. A regeneration keeps what the student wrote there.
struct StudentSections: Equatable {
    /// Each section's text (the lines between its markers), by name.
    private(set) var texts: [String: String] = [:]

    static func begin(_ name: String) -> String { "<!-- student:begin \(name) -->" }
    static func end(_ name: String) -> String { "<!-- student:end \(name) -->" }

    /// The sections of `report`; a section begun twice or never ended is an error naming it.
    init(of report: String, path: String) throws(ReportError) {
        var current: (name: String, lines: [Substring])?
        for line in report.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if let name = Self.marker(trimmed, "begin") {
                if let open = current { throw .brokenStudentSection(name: open.name, path: path) }
                if texts[name] != nil { throw .brokenStudentSection(name: name, path: path) }
                current = (name, [])
            } else if let name = Self.marker(trimmed, "end") {
                guard let open = current, open.name == name else { throw .brokenStudentSection(name: current?.name ?? name, path: path) }
                texts[name] = open.lines.joined(separator: "\n")
                current = nil
            } else {
                current?.lines.append(line)
            }
        }
        if let open = current { throw .brokenStudentSection(name: open.name, path: path) }
    }

    /// `report` with each of its student sections replaced by this one's text of the same name, where there is one.
    func restore(into report: String) -> String {
        var out: [Substring] = []
        var skipping = false
        for line in report.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if let name = Self.marker(trimmed, "begin"), let kept = texts[name] {
                out.append(line)
                if !kept.isEmpty { out.append(contentsOf: kept.split(separator: "\n", omittingEmptySubsequences: false)) }
                skipping = true
            } else if Self.marker(trimmed, "end") != nil, skipping {
                out.append(line)
                skipping = false
            } else if !skipping {
                out.append(line)
            }
        }
        return out.joined(separator: "\n")
    }

    /// The name in `<!-- student:KIND NAME -->`, if `line` is that marker.
    private static func marker(_ line: String, _ kind: String) -> String? {
        let prefix = "<!-- student:\(kind) ", suffix = " -->"
        guard line.hasPrefix(prefix), line.hasSuffix(suffix), line.count > prefix.count + suffix.count else { return nil }
        let name = line.dropFirst(prefix.count).dropLast(suffix.count)
        return name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" } ? String(name) : nil
    }
}
