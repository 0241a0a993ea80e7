import Catalog
import Foundation
import Testing

/// `labrunner grade`, the real binary, on code that traps, loops forever or eats memory: the scenario it breaks
/// fails with the runtime's words (and the file and line), the others still run, the score table prints.
@Suite("labrunner grade contains student code", .serialized, .enabled(if: Catalog.hasSolutions, "the hazards live with the solutions"))
struct ContainedGradeTests {
    static let hazards: [(name: String, failure: String, kind: String)] = [
        ("ping hazard: index out of range", "  trapped:  Index out of range — at Sources/Solutions/Ping/Hazards/PingHazards.swift:", "trapped"),
        ("ping hazard: arithmetic overflow", "  trapped:  arithmetic overflow — at Sources/Solutions/Ping/Hazards/PingHazards.swift:", "trapped"),
        ("ping hazard: force unwrap of nil", "  trapped:  Unexpectedly found nil while unwrapping an Optional value — at Sources/Solutions/Ping/Hazards/PingHazards.swift:", "trapped"),
        ("ping hazard: endless loop", "  timed out after 5 s", "timed-out"),
        ("ping hazard: runaway memory", "  trapped:  ran out of memory (the limit is 512 MiB): ", "trapped"),
    ]

    @Test("a hazard fails its two scenarios with a clear message; the other five pass and the score prints",
          arguments: hazards.map(\.name))
    func gradeGoesOn(_ name: String) throws {
        let hazard = try #require(Self.hazards.first { $0.name == name })
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("contained-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let json = folder.appendingPathComponent("grade.json").path
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let result = try RunnerProcessTests.run(["grade", "ping", "--mutant", name, "--json", json, "--traces", folder.path],
                                                environment: ["LABRUNNER_MEMORY_LIMIT_MIB": "512"])
        #expect(result.status == 1, "\(result.out)\n\(result.err)")
        let lines = result.out.split(separator: "\n").map(String.init)
        for id in ["ping.1.1-answer", "ping.3.1-live-udp"] {
            #expect(lines.contains { $0.hasPrefix("  ✘ \(id) ") }, "\(result.out)")
            #expect(lines.contains("\(id) failed on seed 1 — ping exercise \(id == "ping.1.1-answer" ? "1.1" : "3.1") (2 points)"), "\(result.out)")
        }
        #expect(lines.filter { $0.hasPrefix("  ✔ ping.") }.count == 5, "\(result.out)")
        #expect(lines.filter { $0.hasPrefix(hazard.failure) }.count == 2, "\(result.out)")
        #expect(lines.contains("  replay:   swift run labrunner grade --scenario ping.1.1-answer --seed 1"))
        #expect(lines.contains("Score ping: 11/15 points"), "\(result.out)")
        let report = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as? [String: Any]
        let rows = try #require(report?["scenarios"] as? [[String: Any]])
        let kinds = rows.compactMap { ($0["failure"] as? [String: Any])?["kind"] as? String }
        #expect(kinds == [hazard.kind, hazard.kind])
    }
}
