import Foundation
import LabKit
import Testing

/// The trace viewer page as text: the embedded trace is exact and inert, the page needs nothing from the
/// network, and writing it from a file fails with typed errors. (It runs in Chromium in LabRunnerTests.)
@Suite struct TraceViewerPageTests {
    static let dataStart = "<script type=\"application/json\" id=\"trace-data\">"

    /// The JSON the page embeds for its script, parsed.
    static func embedded(_ page: String) throws -> [String: Any] {
        let start = try #require(page.range(of: dataStart)).upperBound
        let end = try #require(page.range(of: "</script>", range: start..<page.endIndex)).lowerBound
        let object = try JSONSerialization.jsonObject(with: Data(page[start..<end].utf8))
        return try #require(object as? [String: Any])
    }

    static let hostile = [
        "</script><script>document.body.dataset.pwned = 1</script>", "</SCRIPT >", "<!-- <script>", "<img src=x onerror=alert(1)>",
        "]]> & &amp; \" ' \\ \u{2028}\u{2029}", "\u{0}\u{1F}\u{7F}", "🦊 日本",
    ]

    @Test("no detail or node name can end the data element or add markup; every string comes back exact")
    func hostileStrings() throws {
        var events = TraceTests.hostileEvents()
        for (index, text) in Self.hostile.enumerated() {
            events.append(TraceEvent(time: .milliseconds(index), kind: .log, node: NodeID(text), detail: text))
        }
        let page = TraceViewerPage(title: "</title><script>alert(1)</script>").render(events)
        #expect(page.components(separatedBy: "<script").count == 3, "only the data element and the page's own script")
        #expect(page.lowercased().components(separatedBy: "</script").count == 3)
        #expect(!page.contains("<!--") && !page.contains("<img") && !page.contains("\u{2028}"))
        #expect(page.contains("<title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; — trace viewer</title>"))

        let data = try Self.embedded(page)
        let rows = try #require(data["events"] as? [[Any]])
        let nodes = try #require(data["nodes"] as? [String])
        #expect(rows.count == events.count)
        for row in rows {
            let line = try #require(row[0] as? Int), event = events[line - 1]
            #expect(row[6] as? String == event.detail)
            #expect(nodes[try #require(row[2] as? Int)] == event.node.name)
        }
        #expect(data["title"] as? String == "</title><script>alert(1)</script>")
    }

    @Test("events come in time order with their line, exact times and message ids, nodes in order of appearance")
    func exactData() throws {
        let events = [
            TraceEvent(time: .nanoseconds(9_007_199_254_740_993), kind: .receive, node: "b", peer: "a", messageID: .max, detail: "late"),
            TraceEvent(time: .milliseconds(2), kind: .send, node: "a", peer: "b", messageID: .max, detail: "PING"),
            TraceEvent(time: .milliseconds(2), kind: .log, node: "c", detail: "same instant"),
            TraceEvent(time: .zero, kind: .crash, node: "b"),
        ]
        let data = try Self.embedded(TraceViewerPage(title: "t").render(events))
        let rows = try #require(data["events"] as? [[Any]])
        #expect(rows.map { $0[0] as? Int } == [4, 2, 3, 1], "time order, ties in recorded order")
        #expect(data["nodes"] as? [String] == ["b", "a", "c"])
        #expect(data["messages"] as? [String] == ["\(Int.max)"])
        #expect(rows.map { $0[4] as? Int } == [-1, 0, -1, 0])
        #expect(rows.map { $0[5] as? Int } == [0, 1, 1, 2], "one instant per distinct time")
        let instants = try #require(data["instants"] as? [[String]])
        #expect(instants.map { $0[1] } == ["0", "2000000", "9007199254740993"])
        #expect(instants.map { $0[0] } == ["0.000000 s", "0.002000 s", "9007199.254741 s"], "one unit for the whole axis")
        #expect((data["kinds"] as? [String]) == TraceEvent.Kind.allCases.map(\.rawValue))
    }

    @Test("the page is one file: no address, stylesheet, font or script is loaded from anywhere")
    func selfContained() {
        let page = TraceViewerPage(title: "t").render([TraceEvent(time: .zero, kind: .log, node: "a", detail: "x")])
        let withoutNamespace = page.replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "")  // names, never fetched
        for remote in ["http:", "https:", "//cdn", "<link", "@import", "url(", " src="] {
            #expect(!withoutNamespace.contains(remote), "the page refers to \(remote)")
        }
        #expect(page.contains("Content-Security-Policy\" content=\"default-src 'none'"))
        #expect(page.hasPrefix("<!DOCTYPE html>") && page.hasSuffix("</html>\n"))
    }

    @Test("writing the page: beside the trace by default, replaced atomically, typed errors for bad traces")
    func writeAndErrors() throws {
        let folder = TraceTests.scratch()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let trace = folder + "/run.seed3.jsonl"
        try TraceFiles.write([TraceEvent(time: .zero, kind: .send, node: "a", peer: "b", messageID: 1, detail: "hi")], to: folder, name: "run.seed3")
        #expect(TraceViewer.defaultPath(for: trace) == folder + "/run.seed3.html")
        #expect(TraceViewer.defaultPath(for: "notes.txt") == "notes.txt.html")
        let written = try TraceViewer.write(trace: trace, to: TraceViewer.defaultPath(for: trace))
        #expect(written.events == 1 && written.nodes == 2)
        try TraceViewer.write(trace: trace, to: TraceViewer.defaultPath(for: trace))
        #expect(try TraceTests.listing(folder) == ["run.seed3.html", "run.seed3.jsonl", "run.seed3.svg"])
        #expect(try String(contentsOfFile: folder + "/run.seed3.html", encoding: .utf8).contains("<h1>run.seed3</h1>"))

        let missing = folder + "/missing.jsonl"
        #expect(throws: TraceViewerError.unreadable(.storage(.cannotRead(missing, reason: "No such file or directory")))) {
            try TraceViewer.write(trace: missing, to: folder + "/missing.html")
        }
        let empty = folder + "/empty.jsonl"
        try AtomicFile.write("\n  \n", to: empty)
        #expect(throws: TraceViewerError.empty(empty)) { try TraceViewer.write(trace: empty, to: folder + "/empty.html") }
        let broken = folder + "/broken.jsonl"
        try AtomicFile.write(TraceJSONL.encode([TraceEvent(time: .zero, kind: .log, node: "a")]) + "{\"t_ns\":1,\"kind\":\"log\"\n", to: broken)
        do {
            try TraceViewer.write(trace: broken, to: folder + "/broken.html")
            Issue.record("a malformed trace was accepted")
        } catch {
            #expect(error.description == "\(broken): trace line 2, column 23: expected ',' or '}' after the value of \"kind\"")
        }
        #expect(throws: TraceViewerError.pageIsTheTrace(trace)) { try TraceViewer.write(trace: trace, to: trace) }
        #expect(throws: TraceViewerError.pageIsTheTrace(folder + "/other.jsonl")) { try TraceViewer.write(trace: trace, to: folder + "/other.jsonl") }
        let blocked = folder + "/run.seed3.svg/page.html"
        #expect(throws: TraceViewerError.self) { try TraceViewer.write(trace: trace, to: blocked) }
        #expect(try TraceTests.listing(folder) == ["broken.jsonl", "empty.jsonl", "run.seed3.html", "run.seed3.jsonl", "run.seed3.svg"],
                "no page, and no temporary file, for any failure")
    }

    @Test("the command to view a trace is quoted for the shell only where the path needs it")
    func command() {
        #expect(TraceViewer.command(for: "traces/ping.2.2-retry.seed7.jsonl") == "swift run labrunner view traces/ping.2.2-retry.seed7.jsonl")
        #expect(TraceViewer.command(for: "my traces/it's.jsonl") == "swift run labrunner view 'my traces/it'\\''s.jsonl'")
    }

    @Test("a failure report prints the command that views its trace beside the trace and the diagram")
    func failureReport() {
        let scenario = Scenario(id: "ping.2.2-retry", lab: "ping", exercise: "2.2", points: 3, seeds: 1, summary: "retries") { _ in }
        let report = FailureReport(scenario: scenario, seed: 7, failure: ScenarioFailure(.wrong(expected: "4 tries", observed: "3")),
                                   traceFiles: (jsonl: "traces/ping.2.2-retry.seed7.jsonl", svg: "traces/ping.2.2-retry.seed7.svg"))
        #expect(report.text == """
        ping.2.2-retry failed on seed 7 — ping exercise 2.2 (3 points)
          expected: 4 tries
          observed: 3
          replay:   swift run labrunner grade --scenario ping.2.2-retry --seed 7
          trace:    traces/ping.2.2-retry.seed7.jsonl
          diagram:  traces/ping.2.2-retry.seed7.svg  (open it in a browser; ping.2.2-retry.seed7.svg#failure opens at the failing event)
          view:     swift run labrunner view traces/ping.2.2-retry.seed7.jsonl  (a page to step through the run, filter nodes, search)
        """)
    }
}
