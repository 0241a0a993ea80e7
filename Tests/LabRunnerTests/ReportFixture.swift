import Foundation
import LabKit
@testable import LabRunnerCLI
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A report written by `labrunner report` from the recorded outputs in `Tests/Fixtures/Report/<lab>`, into a
/// fresh temporary folder, with helpers to read it back.
struct ReportFixture {
    let lab: String
    let out: URL

    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/Report")

    var data: URL { Self.fixtures.appendingPathComponent(lab) }

    init(lab: String) {
        self.lab = lab
        out = FileManager.default.temporaryDirectory.appendingPathComponent("report-test-\(lab)-\(UUID().uuidString)")
    }

    /// Runs `labrunner report LAB --data <fixture> --out <folder>` with `extra` arguments.
    func write(_ extra: [String] = []) async -> (status: Int32, out: String, err: String) {
        await runner(["report", lab, "--data", data.path, "--out", out.path] + extra)
    }

    var report: String { (try? String(contentsOf: out.appendingPathComponent("REPORT.md"), encoding: .utf8)) ?? "" }

    /// The recorded JSON output `name` of this lab, as a tree.
    func json(_ name: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: data.appendingPathComponent(name))) as? [String: Any] ?? [:]
    }

    /// Every target of a Markdown link or image in the report that is not a web address or an anchor.
    var localLinks: [String] {
        let text = report
        var links: [String] = []
        var rest = text[...]
        while let open = rest.range(of: "](") {
            let after = rest[open.upperBound...]
            guard let close = after.firstIndex(of: ")") else { break }
            let target = String(after[..<close])
            if !target.hasPrefix("http") && !target.hasPrefix("#") { links.append(target) }
            rest = after[close...]
        }
        return links
    }

    /// The SVG files written beside the report.
    var svgFiles: [URL] {
        ((try? FileManager.default.contentsOfDirectory(atPath: out.path)) ?? []).filter { $0.hasSuffix(".svg") }.sorted()
            .map { out.appendingPathComponent($0) }
    }

    /// Whether `file` is well-formed XML.
    static func isWellFormed(_ file: URL) -> Bool {
        guard let data = try? Data(contentsOf: file) else { return false }
        return XMLParser(data: data).parse()
    }

    /// The cells of the table row whose first cell is `first`, in the kit's part `section` of the report.
    func row(startingWith first: String, in section: String) -> [String]? {
        let text = report
        guard let begin = text.range(of: "<!-- kit:begin \(section) -->"), let end = text.range(of: "<!-- kit:end \(section) -->") else { return nil }
        return text[begin.upperBound..<end.lowerBound].split(separator: "\n").first { $0.hasPrefix("| \(first) |") }.map { line in
            line.split(separator: "|", omittingEmptySubsequences: false).dropFirst().dropLast()
                .map { $0.trimmingCharacters(in: .whitespaces) }
        }
    }

    func remove() { try? FileManager.default.removeItem(at: out) }
}
