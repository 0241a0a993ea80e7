import Foundation

/// A language the report is written in: its templates folder, its sentences, and how it prints numbers.
struct ReportLanguage: Sendable, Equatable {
    /// `en` or `pt-BR`, as given to `--lang` and named in `report/templates/`.
    let code: String
    /// The generated sentences, headers and chart labels, from `report/templates/<code>/strings.txt`.
    let strings: [String: String]

    static let codes = ["en", "pt-BR"]

    /// The language `code`, with its strings read from `templates` (the `report/templates` folder).
    init(_ code: String, templates: URL) throws {
        self.code = code
        let path = templates.appendingPathComponent(code).appendingPathComponent("strings.txt").path
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw ReportError.missingTemplate(path: path) }
        strings = Self.parse(text)
    }

    init(code: String, strings: [String: String]) {
        self.code = code
        self.strings = strings
    }

    /// `key = value` lines; `#` starts a comment line.
    static func parse(_ text: String) -> [String: String] {
        var strings: [String: String] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let equals = line.firstIndex(of: "=") else { continue }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces)
            strings[key] = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
        }
        return strings
    }

    /// The sentence `key` with `{1}`, `{2}` … replaced by `arguments`; a missing key shows as itself, so a
    /// template left behind is visible rather than silent.
    func callAsFunction(_ key: String, _ arguments: String...) -> String {
        var text = strings[key] ?? "[\(key)]"
        for (index, argument) in arguments.enumerated() {
            text = text.replacingOccurrences(of: "{\(index + 1)}", with: argument)
        }
        return text
    }

    /// `value` as this language writes it: grouped thousands, a decimal point or comma, and as many decimals
    /// as the figure needs (none from 100 up, two from 1, three significant ones below 1).
    func number(_ value: Double) -> String {
        guard value.isFinite else { return "–" }
        let magnitude = abs(value)
        let decimals = magnitude >= 100 || value == value.rounded() && magnitude < 1e15 ? 0 : magnitude >= 1 ? 2
            : min(6, max(2, 2 - Int((log10(magnitude)).rounded(.down))))
        let text = String(format: "%.\(decimals)f", value)
        return localize(text)
    }

    /// An integer with grouped thousands.
    func number(_ value: Int) -> String { localize(String(value)) }

    /// A probability as a percentage with at most one decimal: `20 %`, `12.5 %`.
    func percent(_ rate: Double) -> String { percentNumber(rate) + " %" }

    /// The number of `percent`, without its sign: `20`, `0.1`.
    func percentNumber(_ rate: Double) -> String {
        let tenths = (rate * 1000).rounded() / 10
        return localize(String(format: tenths == tenths.rounded() ? "%.0f" : "%.1f", tenths))
    }

    /// Groups the digits of `text` (`-1234.5`) in threes and writes this language's separators.
    private func localize(_ text: String) -> String {
        let (point, group) = code == "pt-BR" ? (",", ".") : (".", ",")
        let parts = text.split(separator: ".", maxSplits: 1)
        let sign = parts[0].hasPrefix("-") ? "-" : ""
        let digits = Array(parts[0].drop { $0 == "-" })
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 && digits.count > 4 { grouped += group }
            grouped.append(digit)
        }
        return sign + grouped + (parts.count > 1 ? point + parts[1] : "")
    }
}
