import Foundation

/// What a student reads when the process running a scenario died: the runtime's own words for the trap
/// ("Index out of range", "arithmetic overflow") and the first place in the lab's sources the backtrace names.
package enum TrapText {
    /// Describes a death from the last lines the process wrote on stderr (the Swift runtime's message and its
    /// backtrace) and how it ended.
    package static func describe(_ stderr: [String], ending: ChildProcess.Ending?, memoryLimitMiB: Int) -> String {
        var what = stderr.lazy.compactMap(runtimeMessage).first
        if let said = what, said.contains("failed to allocate") || said.contains("allocate memory") {
            what = "ran out of memory (the limit is \(memoryLimitMiB) MiB): \(said)"
        }
        let place = sourcePlace(in: stderr)
        let said = what ?? ending.map { "the process running the scenario \($0)" } ?? "the process running the scenario died"
        return place.map { "\(said) — at \($0)" } ?? said
    }

    /// The text of a runtime failure line: `…: Fatal error: Index out of range`, `*** Swift runtime failure:
    /// arithmetic overflow ***`, `*** Program crashed: Segmentation fault at 0x… ***`.
    static func runtimeMessage(_ line: String) -> String? {
        if let range = line.range(of: "Fatal error: ") {
            let text = line[range.upperBound...].trimmingWhitespace
            return text.isEmpty ? "Fatal error" : text
        }
        for marker in ["*** Swift runtime failure: ", "*** Program crashed: "] {
            guard let range = line.range(of: marker) else { continue }
            var text = line[range.upperBound...].trimmingWhitespace
            if text.hasSuffix("***") { text = String(text.dropLast(3)).trimmingWhitespace }
            if marker.contains("crashed"), let at = text.range(of: " at 0x") { text = String(text[..<at.lowerBound]) }
            return text
        }
        return nil
    }

    /// The first backtrace frame in a lab's code (`Sources/Labs/…` or `Sources/Solutions/…`), else the first in
    /// the kit's sources, as `Sources/…/File.swift:LINE`.
    static func sourcePlace(in stderr: [String]) -> String? {
        let places = stderr.compactMap { line -> String? in
            guard let at = line.range(of: " at /", options: .backwards) else { return nil }
            let path = line[line.index(before: at.upperBound)...]
            guard let sources = path.range(of: "/Sources/") else { return nil }
            let relative = path[path.index(after: sources.lowerBound)...]
            // `File.swift:LINE:COLUMN` → `File.swift:LINE`
            let parts = relative.split(separator: ":")
            guard parts.count >= 2, parts[0].hasSuffix(".swift") else { return nil }
            return "\(parts[0]):\(parts[1])"
        }
        return places.first { $0.hasPrefix("Sources/Labs/") || $0.hasPrefix("Sources/Solutions/") } ?? places.first
    }
}

extension StringProtocol {
    fileprivate var trimmingWhitespace: String {
        String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
}
