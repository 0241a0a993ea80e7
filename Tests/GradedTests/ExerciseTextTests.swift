import Catalog
import Foundation
import LabKit
import Testing

/// The exercise text a student follows states, for every scenario, what the grader uses: its points, its
/// seeds and the other exercises it needs — "`video.5.2-single-source` (3 points; needs exercises 3.1, 4.2)".
@Suite struct ExerciseTextTests {
    /// The parenthesis the exercise text must give `scenario` where it first names it.
    static func facts(of scenario: Scenario) -> String {
        var text = "\(scenario.points) point\(scenario.points == 1 ? "" : "s")"
        if scenario.mode == .simulated && scenario.seeds > 1 { text += ", \(scenario.seeds) seeds" }
        if !scenario.needs.isEmpty {
            text += "; needs exercise\(scenario.needs.count == 1 ? "" : "s") \(scenario.needs.joined(separator: ", "))"
        }
        return "`\(scenario.id)` (\(text))"
    }

    @Test("every scenario is named in its lab's exercise text with its points, seeds and needs")
    func scenariosStated() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        for lab in Catalog.labs(.student) {
            let text = try String(contentsOf: root.appendingPathComponent("exercises/\(lab.id).md"), encoding: .utf8)
            for scenario in lab.scenarios {
                #expect(text.contains(Self.facts(of: scenario)), "exercises/\(lab.id).md should name \(Self.facts(of: scenario))")
            }
        }
    }
}
