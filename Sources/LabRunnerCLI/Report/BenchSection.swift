/// The kit's benchmark part of the Results: the charts (against the baseline of the same run) and a table of
/// every figure the bench wrote.
struct BenchSection {
    let lab: String
    let inputs: ReportInputs
    let language: ReportLanguage

    /// The charts to write beside the report, as `(file name, SVG)`.
    var charts: [(file: String, svg: String)] {
        inputs.bench.map { BenchCharts(lab: lab, figures: $0, language: language).charts } ?? []
    }

    /// The section's Markdown, which shows `charts`.
    func text(command: String) -> String {
        guard let bench = inputs.bench else { return language("bench.missing", command) }
        var table = MarkdownTable([language("bench.figure"), language("bench.value")])
        for (path, value) in bench.leaves() {
            table.add("`\(path)`", show(value, path: path))
        }
        let images = charts.map { "![\($0.file)](\($0.file))" }.joined(separator: "\n\n")
        return [language("bench.lead", "`\(command)`", "[data/bench.json](data/bench.json)"), images,
                "<details><summary>\(language("bench.table"))</summary>\n\n" + table.text + "\n\n</details>"]
            .filter { !$0.isEmpty }.joined(separator: "\n\n")
    }

    /// A leaf as the table prints it: numbers in this language's style, byte counts also in MiB (as the
    /// memory charts draw them), long strings cut.
    private func show(_ value: JSONValue, path: String) -> String {
        switch value {
        case let .number(number):
            let lower = path.lowercased()
            if (lower.contains("rss") || lower.contains("bytes")) && number >= 1_048_576 {
                return language.number(number) + " (\(language.number((number / 1_048_576 * 10).rounded() / 10)) MiB)"
            }
            return language.number(number)
        case let .bool(flag): return flag ? "✔" : "✘"
        case let .string(text): return text.count > 40 ? String(text.prefix(39)) + "…" : text
        case .null: return "–"
        case .array, .object: return ""
        }
    }
}
