import Foundation

/// A lab's questions for its report, by section, from `report/templates/<lang>/<lab>.md`: each `## section`
/// heading followed by its text (a list of questions, or, for `system`, the lab's story in that language).
struct LabQuestions {
    private(set) var sections: [String: String] = [:]

    /// The sections of the file at `path`.
    init(path: String) throws(ReportError) {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw .missingTemplate(path: path) }
        var name: String?
        var lines: [Substring] = []
        func close() {
            if let name { sections[name] = lines.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines) }
        }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("## ") {
                close()
                name = line.dropFirst(3).trimmingCharacters(in: .whitespaces)
                lines = []
            } else {
                lines.append(line)
            }
        }
        close()
    }

    subscript(section: String) -> String? { sections[section].flatMap { $0.isEmpty ? nil : $0 } }
}
