import Catalog
import Foundation
import Testing

/// `labrunner report` on recorded outputs of every lab: the numbers are the outputs', the links lead to files,
/// the figures are well-formed SVG, a student's text survives a regeneration, and Portuguese is Portuguese.
@Suite struct ReportTests {
    static let labs = ["ping", "video", "deposit", "zapszap", "messaging"]

    @Test("every lab's report shows the score of its grade output, per exercise and in total", arguments: labs)
    func scores(lab: String) async throws {
        let fixture = ReportFixture(lab: lab)
        defer { fixture.remove() }
        #expect(await fixture.write().status == 0)
        let grade = try fixture.json("grade.json")
        let rows = grade["scenarios"] as? [[String: Any]] ?? []
        #expect(!rows.isEmpty)
        #expect(fixture.report.contains("**\(grade["earned"] as? Int ?? -1)/\(grade["points"] as? Int ?? -1)**"))
        for exercise in Set(rows.compactMap { $0["exercise"] as? String }) {
            let mine = rows.filter { $0["exercise"] as? String == exercise }
            let earned = mine.reduce(0) { $0 + ($1["earned"] as? Int ?? 0) }, points = mine.reduce(0) { $0 + ($1["points"] as? Int ?? 0) }
            #expect(fixture.row(startingWith: exercise, in: "scores")?.last == "\(earned)/\(points)", "exercise \(exercise) of \(lab)")
        }
    }

    @Test("every lab's report shows each scenario's failure rate from its grade --runs output", arguments: labs)
    func failureRates(lab: String) async throws {
        let fixture = ReportFixture(lab: lab)
        defer { fixture.remove() }
        #expect(await fixture.write().status == 0)
        for row in try fixture.json("failure-rates.json")["scenarios"] as? [[String: Any]] ?? [] {
            let runs = row["seedsRun"] as? Int ?? -1, failed = row["failedSeeds"] as? Int ?? -1
            let tenths = (Double(failed) * 1000 / Double(runs)).rounded() / 10
            let rate = tenths == tenths.rounded() ? "\(Int(tenths)) %" : String(format: "%.1f %%", tenths)
            let cells = fixture.row(startingWith: "`\(row["id"] as? String ?? "?")`", in: "failure-rates")
            #expect(cells.map { Array($0[1...3]) } == ["\(runs)", "\(failed)", rate], "\(row["id"] ?? "?")")
        }
    }

    @Test("every number of the bench output is in the report's table, as recorded", arguments: labs)
    func benchFigures(lab: String) async throws {
        let fixture = ReportFixture(lab: lab)
        defer { fixture.remove() }
        #expect(await fixture.write().status == 0)
        var checked = 0
        func walk(_ node: Any, _ path: String) {
            if let object = node as? [String: Any] {
                for (key, value) in object where key != "runs" { walk(value, path.isEmpty ? key : "\(path).\(key)") }
            } else if let array = node as? [Any] {
                for (index, value) in array.enumerated() { walk(value, "\(path).\(index)") }
            } else if let number = node as? Double, !(node is Bool) {
                let cell = fixture.row(startingWith: "`\(path)`", in: "benchmarks")?.last ?? ""
                let shown = Double(cell.split(separator: " ").first.map { $0.replacingOccurrences(of: ",", with: "") } ?? "")
                let tolerance = max(abs(number) * 0.005, 0.005)
                #expect(shown.map { abs($0 - number) <= tolerance } == true, "\(lab) \(path): recorded \(number), shown '\(cell)'")
                checked += 1
            }
        }
        walk(try fixture.json("bench.json"), "")
        #expect(checked > 3)
    }

    @Test("the fault model totals the crashes and partitions the grade output recorded", arguments: labs)
    func faultModel(lab: String) async throws {
        let fixture = ReportFixture(lab: lab)
        defer { fixture.remove() }
        #expect(await fixture.write().status == 0)
        let faults = (try fixture.json("grade.json")["scenarios"] as? [[String: Any]] ?? []).compactMap { $0["faults"] as? [String: Any] }
        let total = { (key: String) in faults.reduce(0) { $0 + ($1[key] as? Int ?? 0) } }
        guard total("simulations") > 0 else {
            // A lab whose scenarios build no network says so instead of totals.
            #expect(fixture.report.contains("No scenario of this lab simulates a network"))
            return
        }
        #expect(fixture.report.contains("Node crashes: \(total("crashes")), restarts: \(total("restarts")), network partitions: \(total("partitions"))."))
    }

    @Test("every link of every lab's report leads to a file, and every figure is well-formed SVG", arguments: labs)
    func linksAndFigures(lab: String) async throws {
        let fixture = ReportFixture(lab: lab)
        defer { fixture.remove() }
        #expect(await fixture.write().status == 0)
        #expect(fixture.localLinks.count > 5)
        for link in fixture.localLinks {
            #expect(FileManager.default.fileExists(atPath: fixture.out.appendingPathComponent(link).path), "\(lab): \(link)")
        }
        // The architecture diagram (for a lab with a network) and at least two bench charts.
        #expect(fixture.svgFiles.count >= (Catalog.architecture(of: lab) == nil ? 2 : 3), "\(lab): architecture and bench charts")
        for file in fixture.svgFiles {
            #expect(ReportFixture.isWellFormed(file), "\(file.lastPathComponent) of \(lab)")
            #expect(fixture.report.contains("(\(file.lastPathComponent))"), "\(file.lastPathComponent) is shown")
        }
        #expect(!fixture.report.contains("{{") && !fixture.report.contains("[bench.") && !fixture.report.contains("[demo."))
    }

    @Test("the demo's trace is kept beside the report with its diagram and the view command")
    func demoTrace() async throws {
        let fixture = ReportFixture(lab: "ping")
        defer { fixture.remove() }
        #expect(await fixture.write().status == 0)
        let kept = try Data(contentsOf: fixture.out.appendingPathComponent("demo-trace.jsonl"))
        #expect(kept == (try Data(contentsOf: fixture.data.appendingPathComponent("demo-trace.jsonl"))))
        #expect(fixture.report.contains("![space-time diagram of the demo's trace](demo-trace.svg)"))
        #expect(fixture.report.contains("`swift run labrunner view \(fixture.out.appendingPathComponent("demo-trace.jsonl").path)`"))
        let summary = try String(contentsOf: fixture.data.appendingPathComponent("demo.txt"), encoding: .utf8)
            .split(separator: "\n").last { !$0.isEmpty }.map(String.init) ?? "?"
        #expect(fixture.report.contains(summary))
    }

    @Test("a student's text in their sections survives a regeneration; the kit's parts are rewritten")
    func studentSectionsSurvive() async throws {
        let fixture = ReportFixture(lab: "zapszap")
        defer { fixture.remove() }
        #expect(await fixture.write().status == 0)
        let first = fixture.report
        let mine = "We tested with two laptops on the lab's Wi-Fi.\n\n| seed | what |\n| --- | --- |\n| 17 | a reordered CHAT |"
        let edited = first.replacingOccurrences(of: Self.section("testing", in: first), with: mine)
            .replacingOccurrences(of: "Questions to guide you:", with: "")
            .replacingOccurrences(of: "## 3. Results", with: "## 3. Results\n\nstale text outside the markers")
        try edited.write(to: fixture.out.appendingPathComponent("REPORT.md"), atomically: true, encoding: .utf8)
        #expect(await fixture.write().status == 0)
        let second = fixture.report
        #expect(Self.section("testing", in: second) == mine)
        #expect(!second.contains("stale text outside the markers"))
        #expect(Self.section("conclusion", in: second) == Self.section("conclusion", in: first).replacingOccurrences(of: "Questions to guide you:", with: ""))
    }

    @Test("a student section with a broken marker stops the report and leaves REPORT.md as it was")
    func brokenMarker() async throws {
        let fixture = ReportFixture(lab: "ping")
        defer { fixture.remove() }
        #expect(await fixture.write().status == 0)
        let broken = fixture.report.replacingOccurrences(of: "<!-- student:end testing -->", with: "")
        try broken.write(to: fixture.out.appendingPathComponent("REPORT.md"), atomically: true, encoding: .utf8)
        let result = await fixture.write()
        #expect(result.status == 1)
        #expect(result.err.contains("the student section 'testing' is not one 'student:begin testing' … 'student:end testing' pair"))
        #expect(fixture.report == broken)
    }

    @Test("--lang pt-BR writes the same report in Brazilian Portuguese", arguments: labs)
    func portuguese(lab: String) async throws {
        let fixture = ReportFixture(lab: lab)
        defer { fixture.remove() }
        #expect(await fixture.write(["--lang", "pt-BR"]).status == 0)
        let report = fixture.report
        for heading in ["## 1. Introdução", "## 2. Metodologia", "### 2.3 Modelo de falhas", "## 3. Resultados", "## 4. Conclusão", "## 5. Referências"] {
            #expect(report.contains(heading), "\(lab): \(heading)")
        }
        #expect(report.contains("Sua vez"))
        #expect(!report.contains("Questions to guide you") && !report.contains("Your turn"))
        #expect(!report.contains("{{") && !report.contains("[bench.") && !report.contains("[demo."))
        let grade = try fixture.json("grade.json")
        #expect(report.contains("**\(grade["earned"] as? Int ?? -1) de \(grade["points"] as? Int ?? -1) pontos**"))
        guard Catalog.architecture(of: lab) != nil else {
            #expect(report.contains("ainda não troca mensagens"))
            return
        }
        let architecture = try String(contentsOf: fixture.out.appendingPathComponent("architecture.svg"), encoding: .utf8)
        #expect(architecture.contains("papéis e mensagens"))
    }

    /// What the messaging report must say of phases 2–3, and of phase 4 (Bob and Alice as processes, and its demo), in each language.
    static let messagingTexts: [(language: String, texts: [String])] = [
        ("en", ["**The processing service**", "**The persistence service**", "`labrunner demo messaging`", "`messaging.12.1-live-failover`",
                "total order", "bully election", "failover", "Ricart–Agrawala", "`mayEnter(without:)`", "2(N − 1)",
                "a crashed store and a partition (failure detection)", "store log digests", "all equal"]),
        ("pt-BR", ["**O serviço de processamento**", "**O serviço de persistência**", "`labrunner demo messaging`", "`messaging.12.1-live-failover`",
                   "ordem total", "eleição do valentão", "troca de líder", "Ricart–Agrawala", "`mayEnter(without:)`", "2(N − 1)",
                   "um servidor caído e uma partição (detecção de falhas)", "store log digests", "all equal"]),
    ]

    @Test("the messaging report draws phases 2–3 (client, processors, stores; every message of both services), asks about them and about phase 4, and shows its demo",
          arguments: messagingTexts.map(\.language))
    func messagingPhases(language: String) async throws {
        let fixture = ReportFixture(lab: "messaging")
        defer { fixture.remove() }
        #expect(await fixture.write(["--lang", language]).status == 0)
        let report = fixture.report
        let architecture = try #require(Catalog.architecture(of: "messaging"))
        #expect(architecture.messageTypes == ["ProcessingMessage", "PersistenceMessage"])
        #expect(Set(architecture.roles.map(\.name)) == ["client", "processor", "other processors", "store", "other stores"])
        for role in architecture.roles { #expect(report.contains("**\(role.name)** (× \(role.count))"), "\(language): \(role.name)") }
        let svg = try String(contentsOf: fixture.out.appendingPathComponent("architecture.svg"), encoding: .utf8)
        #expect(report.contains("](architecture.svg)"))
        for flow in architecture.flows {
            #expect(report.contains("| `\(flow.name)` | \(flow.from) → \(flow.to) | \(flow.channel) | \(flow.meaning) | `\(flow.type)` #\(flow.tag) |"),
                    "\(language): \(flow.type) \(flow.name)")
            #expect(svg.contains(">\(flow.name)<"), "\(flow.name) drawn")
        }
        #expect(!report.contains("sends no messages") && !report.contains("ainda não troca mensagens"))
        for text in try #require(Self.messagingTexts.first { $0.language == language }).texts {
            #expect(report.contains(text), "\(language): \(text)")
        }
        // The scenarios of phases 2–3 inject faults: the fault model totals them instead of saying there is no network.
        #expect(!report.contains("No scenario of this lab simulates a network") && !report.contains("Nenhum cenário deste laboratório simula"))
    }

    @Test("report refuses an unknown language and a missing lab, naming the fix")
    func usageErrors() async {
        let language = await runner(["report", "ping", "--lang", "fr"])
        #expect(language.status == 2)
        #expect(language.err == "error: --lang fr: the report is written in en or pt-BR (see 'labrunner report --help')")
        let missing = await runner(["report"])
        #expect(missing.err == "error: report needs a lab, e.g. 'report ping' (see 'labrunner report --help')")
    }

    /// The text between the markers of student section `name`.
    static func section(_ name: String, in report: String) -> String {
        guard let begin = report.range(of: "<!-- student:begin \(name) -->\n"),
              let end = report.range(of: "\n<!-- student:end \(name) -->", range: begin.upperBound..<report.endIndex) else { return "" }
        return String(report[begin.upperBound..<end.lowerBound])
    }
}
