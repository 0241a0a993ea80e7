import Foundation
import LabKit
import Testing

/// The page of `labrunner view` in a real headless Chromium, driven by the address (`#keys=…`, `#only=…`,
/// `#search=…`: the page turns them into real key presses, clicks and typing through its own handlers) and
/// read back from the DOM once its scripts ran. The trace is a recorded one (Tests/Fixtures/README.md).
@Suite(.serialized, .timeLimit(.minutes(2)),
       .enabled(if: HeadlessChromium.executable != nil, "chromium is not installed (CI installs it: apt-get install chromium)"))
struct TraceViewerBrowserTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/ping.2.2-server-restart.seed1.jsonl").path

    /// The fixture's JSONL line numbers in the page's order (time, then recorded order), without the kinds
    /// the page hides at first (timers armed) and, given `nodes`, only those nodes' events.
    static func shownLines(nodes: Set<String>? = nil) throws -> [Int] {
        try TraceFiles.read(fixture).enumerated()
            .sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }
            .filter { pair in pair.element.kind != .timerSet && (nodes?.contains(pair.element.node.name) ?? true) }
            .map { $0.offset + 1 }
    }

    /// Writes the fixture's page with `labrunner view` and returns the DOM Chromium makes of it at `fragment`.
    static func dom(_ fragment: String = "", trace: String = fixture) async throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("viewer-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("page.html").path
        let result = await runner(["view", trace, "--out", page])
        #expect(result.status == 0, "\(result.err)")
        let dom = try HeadlessChromium.dumpDOM(URL(fileURLWithPath: page).absoluteString + fragment)
        #expect(dom.contains("<body data-ready=\"true\">"), "the page's script ran to its end")
        return dom
    }

    /// The markup of the element with `id` up to the end `tag` that closes it (the elements read here hold no
    /// nested element of the same tag).
    static func element(_ id: String, _ tag: String, in dom: String) throws -> String {
        let start = try #require(dom.range(of: "id=\"\(id)\"")).lowerBound
        let end = try #require(dom.range(of: "</\(tag)>", range: start..<dom.endIndex)).upperBound
        return String(dom[start..<end])
    }

    static func count(_ text: String, in dom: String) -> Int { dom.components(separatedBy: text).count - 1 }

    static func selectedLine(_ dom: String) throws -> Int? {
        let status = try element("status", "span", in: dom)
        guard let start = status.range(of: "data-selected-line=\"")?.upperBound else { return nil }
        return Int(status[start...].prefix { $0.isNumber })
    }

    @Test("the page draws a lane per node, the messages' arrows, the losses and the crash")
    func drawsTheDiagram() async throws {
        let dom = try await Self.dom()
        let diagram = try Self.element("diagram", "svg", in: dom)
        for node in ["client", "server"] {
            #expect(Self.count("<g class=\"lane\" data-node=\"\(node)\">", in: diagram) == 1)
            #expect(dom.contains("<span class=\"lane-name\" data-node=\"\(node)\" title=\"\(node)\" style=\"left: "))
        }
        #expect(Self.count("<g class=\"arrow\" data-message=", in: diagram) >= 6, "PING and PONG arrows")
        #expect(Self.count("<g class=\"drop\" data-message=", in: diagram) >= 3, "the pings lost while the server is down")
        #expect(diagram.contains("data-kind=\"crash\" data-node=\"server\"") && diagram.contains(">CRASH</text>"))
        #expect(try Self.element("axis", "svg", in: dom).contains(">0.000 ms</text>"))
        #expect(try Self.selectedLine(dom) == nil)
        #expect(try Self.element("status", "span", in: dom).contains("data-shown-nodes=\"client,server\""))
    }

    @Test("keys step the selection forward and back, to the ends and to the crash", arguments: [
        ("ArrowRight,ArrowRight,ArrowRight,ArrowLeft", 1), ("j,j,j,k", 1), ("ArrowDown,ArrowDown,ArrowUp,ArrowDown", 1),
        ("End", -1), ("End,ArrowLeft", -2), ("End,Home", 0), ("ArrowLeft", -1),
    ])
    func stepping(_ keys: String, _ row: Int) async throws {
        let lines = try Self.shownLines()
        let expected = lines[row >= 0 ? row : lines.count + row]
        let dom = try await Self.dom("#keys=\(keys)")
        #expect(try Self.selectedLine(dom) == expected)
        let diagram = try Self.element("diagram", "svg", in: dom)
        #expect(diagram.contains("class=\"selected\"") && diagram.contains("class=\"selected-ring\""), "highlighted in the diagram")
        #expect(try Self.element("details", "aside", in: dom).contains("<dd>\(expected) of the .jsonl</dd>"))
    }

    @Test("f jumps to the first crash, since this trace has no handler failure, and the details show it")
    func jumpToTheFailure() async throws {
        let dom = try await Self.dom("#keys=j,f")
        #expect(try Self.selectedLine(dom) == 24)
        #expect(dom.contains(">Jump to the first crash  ( f )</button>"))
        let details = try Self.element("details", "aside", in: dom)
        #expect(details.contains(">crash</span> on server</h2>") && details.contains("<dd>300000000</dd>"))
        #expect(try Self.element("diagram", "svg", in: dom).contains("class=\"failure-focus\""))
    }

    @Test("unticking a node hides its lane and its events; stepping then skips them")
    func filter() async throws {
        let clientLines = try Self.shownLines(nodes: ["client"])
        let dom = try await Self.dom("#only=client&keys=End")
        let diagram = try Self.element("diagram", "svg", in: dom)
        #expect(Self.count("<g class=\"lane\" data-node=\"client\">", in: diagram) == 1)
        #expect(!diagram.contains("data-node=\"server\"") && !diagram.contains(">CRASH</text>"))
        #expect(!(try Self.element("lane-names", "div", in: dom)).contains("server"))
        let status = try Self.element("status", "span", in: dom)
        #expect(status.contains("data-shown-nodes=\"client\"") && status.contains("data-shown-events=\"\(clientLines.count)\""))
        #expect(try Self.selectedLine(dom) == clientLines.last)
        #expect(dom.contains("<input type=\"checkbox\" data-node=\"server\">"), "the box is unticked: no checked state")
    }

    @Test("a search highlights every match, and Enter jumps from one to the next")
    func search() async throws {
        let dom = try await Self.dom("#search=server%20is%20DOWN&keys=Enter,Enter")
        #expect(dom.contains("<span id=\"matches\" aria-live=\"polite\" data-count=\"6\">match 2 of 6</span>"))
        #expect(try Self.selectedLine(dom) == 33, "the second lost ping")
        #expect(Self.count("class=\"match\"", in: try Self.element("diagram", "svg", in: dom)) >= 2)
    }

    @Test("a hostile detail shows as text in the diagram and the details, and runs nothing")
    func hostileDetail() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("viewer-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let attack = "</script><script>document.body.dataset.pwned = 1</script><img src=x onerror=\"document.title = 'pwned'\">"
        try TraceFiles.write([
            TraceEvent(time: .zero, kind: .send, node: "<b>a</b>", peer: "b", messageID: 1, detail: attack),
            TraceEvent(time: .milliseconds(1), kind: .receive, node: "b", peer: "<b>a</b>", messageID: 1, detail: attack),
            TraceEvent(time: .milliseconds(2), kind: .failure, node: "b", detail: "<!-- \u{2028} -->"),
        ], to: folder.path, name: "hostile")
        let dom = try await Self.dom("#keys=j", trace: folder.appendingPathComponent("hostile.jsonl").path)
        #expect(!dom.contains("pwned=") && !dom.contains("data-pwned") && !dom.contains("<img") && !dom.contains("<title>pwned"))
        let shown = "&lt;/script&gt;&lt;script&gt;document.body.dataset.pwned = 1&lt;/script&gt;&lt;img src=x onerror=\"document.title = 'pwned'\"&gt;"
        #expect(try Self.element("details", "aside", in: dom).contains("<pre>\(shown)</pre>"))
        #expect(try Self.element("diagram", "svg", in: dom).contains("&lt;/script&gt;&lt;script&gt;document"))
        #expect(try Self.element("lane-names", "div", in: dom).contains(">&lt;b&gt;a&lt;/b&gt;</span>"))
    }
}
