import Foundation
import Testing

/// What issue 9 asks of the zapszap graders, which students receive: no cipher, and no line of the reference
/// solution's exercise bodies, so that no grader file passes an exercise if copied or called.
@Suite("ZapsZap graders hold no answer")
struct GraderSourceTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The Swift files below `folder` (relative to the kit), with their text.
    static func sources(_ folder: String) throws -> [(path: String, text: String)] {
        let base = root.appendingPathComponent(folder)
        let paths = FileManager.default.enumerator(atPath: base.path)?.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") } ?? []
        return try paths.sorted().map { ("\(folder)/\($0)", try String(contentsOf: base.appendingPathComponent($0), encoding: .utf8)) }
    }

    @Test("no grader file names the cipher")
    func noCipher() throws {
        let graders = try Self.sources("Sources/Scenarios/ZapsZap")
        #expect(!graders.isEmpty)
        for file in graders {
            #expect(!file.text.contains("ChaChaPoly"), "\(file.path) names ChaChaPoly")
        }
    }

    @Test("no grader line repeats a line of the solution's exercise bodies")
    func noSolutionLines() throws {
        var bodies: Set<String> = []
        for file in try Self.sources("Sources/Solutions/ZapsZap") where !file.path.contains("/Mutants/") {
            var inside = false
            for line in file.text.split(separator: "\n") {
                let text = line.trimmingCharacters(in: .whitespaces)
                if text.hasPrefix("try Exercise.begin(") { inside = true } else if text.hasPrefix("// end exercise ") { inside = false } else if inside { bodies.insert(text) }
            }
        }
        #expect(bodies.count > 50)
        // Lines of a few characters (`}`, `do {`, `default:`) say nothing of an answer.
        let telling = bodies.filter { $0.count >= 12 }
        for file in try Self.sources("Sources/Scenarios/ZapsZap") {
            for (number, line) in file.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let text = line.trimmingCharacters(in: .whitespaces)
                #expect(!telling.contains(text), "\(file.path):\(number + 1) repeats a line of an exercise body: \(text)")
            }
        }
    }
}
