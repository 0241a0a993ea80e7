import Foundation
import LabKit
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif

@Suite struct TraceTests {
    // MARK: JSON Lines

    /// Strings that break naive writers: quotes, backslashes, every kind of control character, emoji.
    static let hostile = [
        "say \"hi\"", "back\\slash \\n not a newline", "line\nbreak\r\n\ttab", "nul\0byte", "\u{01}\u{08}\u{0C}\u{1F}\u{7F}",
        "🦊 fox, 👩‍👩‍👧 family, é, 日本", "\u{2028}\u{2029}", "", "{\"t_ns\":1}", "</text><script>alert(1)</script>",
    ]

    static func hostileEvents() -> [TraceEvent] {
        hostile.enumerated().map { index, text in
            TraceEvent(time: .nanoseconds(Int64(index) * 1_234_567), kind: TraceEvent.Kind.allCases[index % TraceEvent.Kind.allCases.count],
                       node: NodeID(text.isEmpty ? "n" : text), peer: index.isMultiple(of: 2) ? NodeID(text) : nil,
                       messageID: index.isMultiple(of: 3) ? nil : index, detail: text)
        } + [TraceEvent(time: .nanoseconds(Int64.max), kind: .log, node: "a", messageID: .max, detail: "last"),
             TraceEvent(time: .nanoseconds(-5), kind: .log, node: "a", messageID: .min)]
    }

    @Test("hostile strings survive a JSONL round trip, one line per event, no raw control characters")
    func hostileRoundTrip() throws {
        let events = Self.hostileEvents()
        let text = TraceJSONL.encode(events)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == events.count + 1 && lines.last == "")
        #expect(!text.utf8.contains { $0 < 0x20 && $0 != UInt8(ascii: "\n") })
        #expect(text.contains("🦊 fox, 👩‍👩‍👧 family, é, 日本"), "non-ASCII text stays UTF-8, unescaped")
        #expect(try TraceJSONL.decode(text) == events)
        for event in events { #expect(try TraceJSONL.decodeLine(TraceJSONL.encodeLine(event)) == event) }
    }

    @Test("each event is one JSON object with keys in a fixed order and times in integer nanoseconds")
    func fixedFormat() {
        let send = TraceEvent(time: .microseconds(1500), kind: .send, node: "a", peer: "b", messageID: 7, detail: "PING \"1\"")
        let timer = TraceEvent(time: .seconds(12), kind: .timerFired, node: "a", detail: "retry")
        #expect(TraceJSONL.encode([send, timer]) == """
            {"t_ns":1500000,"t":"1.500 ms","node":"a","kind":"send","peer":"b","message_id":7,"detail":"PING \\"1\\""}
            {"t_ns":12000000000,"t":"12.000000 s","node":"a","kind":"timer-fired","peer":null,"message_id":null,"detail":"retry"}

            """)
    }

    @Test("two simulations with the same seed give byte-identical JSONL; another seed does not")
    func deterministic() throws {
        let first = TraceJSONL.encode(try Self.gossipRun(seed: 42).trace)
        let second = TraceJSONL.encode(try Self.gossipRun(seed: 42).trace)
        #expect(first.split(separator: "\n").count > 200)
        #expect(Array(first.utf8) == Array(second.utf8))
        #expect(TraceJSONL.encode(try Self.gossipRun(seed: 43).trace) != first)
        #expect(try TraceJSONL.decode(first) == Self.gossipRun(seed: 42).trace)
    }

    @Test("the decoder accepts JSON escapes, any key order, blank lines and CRLF, and ignores unknown keys")
    func lenientReading() throws {
        let text = "\r\n  \n{ \"detail\" : \"\\u00e9\\ud83e\\udd8a\\/\\b\", \"node\":\"a\",\"kind\":\"log\", \"t_ns\": -0 ,\"extra\":null}\r\n\n"
            + "{\"t_ns\":3,\"kind\":\"crash\",\"node\":\"b\",\"peer\":null,\"message_id\":null}"
        #expect(try TraceJSONL.decode(text) == [
            TraceEvent(time: .zero, kind: .log, node: "a", detail: "é🦊/\u{08}"),
            TraceEvent(time: .nanoseconds(3), kind: .crash, node: "b"),
        ])
        #expect(try TraceJSONL.decode("") == [])
    }

    @Test("a malformed line gives a typed error naming the line", arguments: [
        ("{\"t_ns\":1,\"kind\":\"log\",\"node\":\"a\"}\n{oops}", "malformed", 2),
        ("{\"t_ns\":1,\"kind\":\"log\",\"node\":\"a\"", "malformed", 1),
        ("[1]", "malformed", 1),
        ("{\"t_ns\":1.5,\"kind\":\"log\",\"node\":\"a\"}", "malformed", 1),
        ("{\"t_ns\":1e3,\"kind\":\"log\",\"node\":\"a\"}", "malformed", 1),
        ("{\"t_ns\":01,\"kind\":\"log\",\"node\":\"a\"}", "malformed", 1),
        ("{\"t_ns\":99999999999999999999,\"kind\":\"log\",\"node\":\"a\"}", "malformed", 1),
        ("{\"t_ns\":1,\"kind\":\"log\",\"node\":\"a\",\"detail\":\"raw\ttab\"}", "malformed", 1),
        ("{\"t_ns\":1,\"kind\":\"log\",\"node\":\"a\",\"detail\":\"\\x\"}", "malformed", 1),
        ("{\"t_ns\":1,\"kind\":\"log\",\"node\":\"a\",\"detail\":\"\\ud800 alone\"}", "malformed", 1),
        ("{\"t_ns\":1,\"kind\":\"log\",\"node\":\"a\",\"detail\":true}", "malformed", 1),
        ("{\"t_ns\":1,\"kind\":\"log\",\"node\":\"a\"} trailing", "malformed", 1),
        ("{\"t_ns\":1,\"kind\":\"log\",\"node\":\"a\",\"node\":\"b\"}", "malformed", 1),
        ("\n\n{\"t_ns\":1,\"node\":\"a\"}", "missing kind", 3),
        ("{\"kind\":\"log\",\"node\":\"a\"}", "missing t_ns", 1),
        ("{\"t_ns\":1,\"kind\":\"log\"}", "missing node", 1),
        ("{\"t_ns\":1,\"kind\":\"explode\",\"node\":\"a\"}", "invalid kind", 1),
        ("{\"t_ns\":\"1\",\"kind\":\"log\",\"node\":\"a\"}", "invalid t_ns", 1),
        ("{\"t_ns\":1,\"kind\":\"log\",\"node\":7}", "invalid node", 1),
        ("{\"t_ns\":1,\"kind\":\"log\",\"node\":\"a\",\"message_id\":\"7\"}", "invalid message_id", 1),
        ("{\"t_ns\":1,\"kind\":\"log\",\"node\":\"a\",\"peer\":3}", "invalid peer", 1),
    ])
    func malformed(text: String, expected: String, line: Int) {
        do {
            let events = try TraceJSONL.decode(text)
            Issue.record("decoded \(events) from \(text.debugDescription)")
        } catch {
            switch error {
            case let .malformed(at, column, reason):
                #expect(expected == "malformed" && at == line && column >= 1 && !reason.isEmpty, "\(error)")
            case let .missingField(at, field):
                #expect(expected == "missing \(field)" && at == line, "\(error)")
            case let .invalidField(at, field, _):
                #expect(expected == "invalid \(field)" && at == line, "\(error)")
            }
            #expect(error.description.hasPrefix("trace line \(line)"))
        }
    }

    // MARK: Space-time diagram

    @Test("the diagram is well-formed XML with one lifeline per node, in order of appearance, and one arrow per delivered message")
    func diagramStructure() throws {
        let trace = try Self.gossipRun(seed: 42).trace
        let document = try #require(SVGDocument(SpaceTimeDiagram(title: "gossip").render(trace)))
        var order: [String] = []
        for event in trace {
            for name in [event.node.name] + (event.peer.map { [$0.name] } ?? []) where !order.contains(name) { order.append(name) }
        }
        #expect(document.groups("lifeline").map { $0.attributes["data-node"] ?? "" } == order)
        #expect(order == ["n1", "n2", "n3", "n4", "n5"])

        let receives = trace.filter { $0.kind == .receive }
        let arrows = document.groups("arrow")
        #expect(arrows.count == receives.count)
        #expect(document.groups("drop").count == trace.filter { $0.kind == .drop }.count)
        let twice = Dictionary(grouping: receives.compactMap(\.messageID), by: { $0 }).filter { $0.value.count == 2 }.keys
        #expect(!twice.isEmpty, "the run should deliver some message twice")
        for id in twice { #expect(arrows.filter { $0.attributes["data-message"] == String(id) }.count == 2) }
        #expect(document.elements.filter { $0.attributes["class"] == "crash" }.count == 1)
        #expect(document.elements.filter { $0.attributes["class"] == "restart" }.count == 1)
        #expect(document.text.contains("partition: n1,n2 | n3,n4,n5") && document.text.contains("partition healed"))
        #expect(document.text.contains("150.000 ms"), "the axis shows true times")
    }

    @Test("every message arrow points down and across, from its sending to its arrival")
    func arrowsPointDown() throws {
        let document = try #require(SVGDocument(SpaceTimeDiagram().render(Self.gossipRun(seed: 7).trace)))
        let arrows = document.groups("arrow")
        #expect(arrows.count > 50)
        for arrow in arrows {
            let line = try #require(arrow.children.first { $0.name == "line" })
            let y1 = Double(line.attributes["y1"] ?? "") ?? 0, y2 = Double(line.attributes["y2"] ?? "") ?? 0
            #expect(y2 > y1 && line.attributes["x1"] != line.attributes["x2"], "\(line.attributes)")
        }
    }

    @Test("hostile node names and details are escaped and the diagram still parses")
    func diagramEscapes() throws {
        let events = Self.hostileEvents()
        let document = try #require(SVGDocument(SpaceTimeDiagram(title: "<&\"title\">").render(events)))
        #expect(document.text.contains("<&\"title\">"))
        #expect(document.text.contains("</text><script>"), "markup in details is shown as text")
        #expect(document.text.contains("nul\u{2400}byte"), "control characters become visible symbols")
        #expect(document.elements.allSatisfy { $0.name != "script" })
    }

    @Test("the same trace always renders to the same bytes, and a huge trace is cut with a note in the title")
    func diagramDeterministicAndCapped() throws {
        let trace = try Self.gossipRun(seed: 5).trace
        #expect(SpaceTimeDiagram().render(trace) == SpaceTimeDiagram().render(trace))
        let huge = (0..<1_500).flatMap { i in [
            TraceEvent(time: .milliseconds(i), kind: .send, node: "a", peer: "b", messageID: i, detail: "m\(i)"),
            TraceEvent(time: .milliseconds(i) + .microseconds(500), kind: .receive, node: "b", peer: "a", messageID: i, detail: "m\(i)"),
        ] }
        let document = try #require(SVGDocument(SpaceTimeDiagram(title: "big", maxEvents: 200).render(huge)))
        #expect(document.text.contains("(events 2801–3000 of 3000 drawn, the last ones, where the run ended; the .jsonl has them all)"))
        let failed = try #require(SVGDocument(SpaceTimeDiagram(title: "big", failure: "expected m1500", maxEvents: 200).render(huge)))
        #expect(failed.text.contains("(events 2801–3000 of 3000 drawn, around the failure; the .jsonl has them all)"))
        #expect(document.groups("arrow").count == 100)
    }

    @Test("a long run is cut to a window that ends just after the failing event, which is marked and has a view")
    func failureWindow() throws {
        var events = (0..<1_000).map { i in TraceEvent(time: .milliseconds(i), kind: .log, node: "a", detail: "step \(i)") }
        events[600] = TraceEvent(time: .milliseconds(600), kind: .failure, node: "a", detail: "not implemented: exercise 2.1")
        let svg = SpaceTimeDiagram(title: "cut", maxEvents: 100).render(events)
        let document = try #require(SVGDocument(svg))
        #expect(document.text.contains("(events 532–631 of 1000 drawn, around the failure; the .jsonl has them all)"))
        #expect(document.text.contains("step 531") && document.text.contains("step 630") && !document.text.contains("step 631"))
        #expect(document.text.contains("◀ the handler failed here"))
        #expect(svg.contains("<view id=\"failure\" viewBox="))
        #expect(SpaceTimeDiagram.window(count: 1_000, focus: 10, size: 100) == 0..<100)
        #expect(SpaceTimeDiagram.window(count: 50, focus: 10, size: 100) == 0..<50)
    }

    @Test("the failure is drawn in full under the title: its line breaks kept, long lines wrapped, no control pictures")
    func failureText() throws {
        let events = [TraceEvent(time: .zero, kind: .send, node: "a", peer: "b", messageID: 1, detail: "m")]
        let long = Array(repeating: "word", count: 60).joined(separator: " ")
        let svg = SpaceTimeDiagram(title: "t", failure: "expected: one thing\nobserved: \(long)").render(events)
        let document = try #require(SVGDocument(svg))
        #expect(document.text.contains("expected: one thing") && !svg.contains("␊"))
        let wrapped = SpaceTimeDiagram.wrap("expected: one thing\nobserved: \(long)", width: 720)
        #expect(wrapped.count >= 3 && wrapped[0] == "expected: one thing" && wrapped.allSatisfy { $0.count <= 102 })
        #expect(wrapped.dropFirst().joined(separator: " ") == "observed: \(long)")
    }

    @Test("an empty trace renders a valid document that says so")
    func emptyDiagram() throws {
        let document = try #require(SVGDocument(SpaceTimeDiagram(title: "nothing").render([])))
        #expect(document.text.contains("no events") && document.groups("lifeline").isEmpty)
        for broken in ["<svg><g></svg>", "<svg><g></g>", "<svg/>junk", "<svg>&bogus;</svg>", "<svg>\u{0}</svg>", ""] {
            #expect(SVGDocument(broken) == nil, "the checker itself rejects \(broken.debugDescription)")
        }
    }

    // MARK: Trace files

    /// A fresh directory under the system's temporary folder, removed by the caller.
    static func scratch() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("trace-tests-\(UUID().uuidString)").path
    }

    static func listing(_ directory: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
    }

    @Test("TraceFiles writes the JSONL and the SVG into a new directory, replaces them, and leaves no temporary files")
    func writesFiles() throws {
        let root = Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let directory = root + "/nested/deeper"
        let trace = try Self.gossipRun(seed: 3).trace
        let paths = try TraceFiles.write(trace, to: directory, name: "gossip-3")
        #expect(paths.jsonl == directory + "/gossip-3.jsonl" && paths.svg == directory + "/gossip-3.svg")
        #expect(try Self.listing(directory) == ["gossip-3.jsonl", "gossip-3.svg"])
        #expect(try String(contentsOfFile: paths.jsonl, encoding: .utf8) == TraceJSONL.encode(trace))
        let svg = try String(contentsOfFile: paths.svg, encoding: .utf8)
        #expect(svg == SpaceTimeDiagram(title: "gossip-3").render(trace) && SVGDocument(svg) != nil)
        #expect(try TraceFiles.read(paths.jsonl) == trace)

        let shorter = Array(trace.prefix(10))
        try TraceFiles.write(shorter, to: directory + "/", name: "gossip-3", diagram: SpaceTimeDiagram(title: "short"))
        #expect(try Self.listing(directory) == ["gossip-3.jsonl", "gossip-3.svg"])
        #expect(try TraceFiles.read(paths.jsonl) == shorter)
        #expect(try String(contentsOfFile: paths.svg, encoding: .utf8).contains(">short</text>"))
    }

    @Test("TraceFiles reports typed errors for bad names, blocked paths, missing and malformed files")
    func fileErrors() throws {
        let root = Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        for name in ["", ".", "..", "../escape", "a/b", "nul\0"] {
            #expect(throws: TraceFilesError.invalidName(name)) { try TraceFiles.write([], to: root, name: name) }
        }

        try "not a directory".write(toFile: root + "/file", atomically: false, encoding: .utf8)
        #expect { try TraceFiles.write([], to: root + "/file/sub", name: "t") } throws: { error in
            guard case .storage(.cannotCreateFolder(root + "/file/sub", _))? = error as? TraceFilesError else { return false }
            return true
        }

        // A directory where the JSONL should go: the rename fails and the temporary file is removed.
        try FileManager.default.createDirectory(atPath: root + "/blocked.jsonl", withIntermediateDirectories: false)
        #expect { try TraceFiles.write([], to: root, name: "blocked") } throws: { error in
            guard case .storage(.cannotWrite(root + "/blocked.jsonl", _))? = error as? TraceFilesError else { return false }
            return true
        }
        #expect(try Self.listing(root) == ["blocked.jsonl", "file"])

        #expect { try TraceFiles.read(root + "/missing.jsonl") } throws: { error in
            guard case .storage(.cannotRead(root + "/missing.jsonl", _))? = error as? TraceFilesError else { return false }
            return true
        }
        try Data([0x7B, 0xFF, 0x7D, 0x0A]).write(to: URL(fileURLWithPath: root + "/binary.jsonl"))
        #expect { try TraceFiles.read(root + "/binary.jsonl") } throws: { error in
            guard case .storage(.cannotRead(_, "the file is not UTF-8 text"))? = error as? TraceFilesError else { return false }
            return true
        }
        try "{\"t_ns\":1,\"kind\":\"log\",\"node\":\"a\"}\n{oops}\n".write(toFile: root + "/bad.jsonl", atomically: false, encoding: .utf8)
        #expect { try TraceFiles.read(root + "/bad.jsonl") } throws: { error in
            guard case .malformed(root + "/bad.jsonl", .malformed(line: 2, _, _))? = error as? TraceFilesError else { return false }
            return true
        }
    }

    // MARK: A small faulty run to trace

    /// Five gossiping nodes over a lossy, duplicating network, with a crash, a restart, a partition and a heal.
    static func gossipRun(seed: UInt64) throws -> Simulation<String, String> {
        let names: [NodeID] = ["n1", "n2", "n3", "n4", "n5"]
        let sim = Simulation<String, String>(seed: seed, faults: .lossy(0.3, duplicateRate: 0.1))
        for name in names { sim.add(name) { TraceGossip(peers: names) } }
        sim.schedule(at: .milliseconds(150)) { $0.crash("n1") }
        sim.schedule(at: .milliseconds(200)) { $0.partition([["n1", "n2"], ["n3", "n4", "n5"]]) }
        sim.schedule(at: .milliseconds(300)) { $0.restart("n1") }
        sim.schedule(at: .milliseconds(350)) { $0.heal() }
        try sim.run(until: .seconds(2))
        return sim
    }
}

/// A tiny rumor-spreading node: every 40 ms it tells a random peer a rumor it knows, reports each rumor it
/// learns, and acknowledges what it hears. Enough messages, timers, outputs and logs to exercise traces.
struct TraceGossip: NodeLogic {
    let peers: [NodeID]
    var known: [String] = []
    var rounds = 0

    mutating func start(_ ctx: inout NodeContext<String, String>) {
        known = ["rumor of \(ctx.id)"]
        ctx.setTimer("gossip", after: .milliseconds(40))
    }

    mutating func timerFired(_ timer: TimerID, _ ctx: inout NodeContext<String, String>) {
        rounds += 1
        let others = peers.filter { $0 != ctx.id }
        ctx.send(known[Int.random(in: 0..<known.count, using: &ctx.random)], to: others[Int.random(in: 0..<others.count, using: &ctx.random)])
        if rounds < 12 { ctx.setTimer("gossip", after: .milliseconds(40)) }
    }

    mutating func receive(_ message: String, from sender: NodeID, _ ctx: inout NodeContext<String, String>) {
        if message.hasPrefix("ack ") {
            ctx.log("\(sender) has \(message.dropFirst(4))")
            return
        }
        if !known.contains(message) {
            known.append(message)
            ctx.deliver("learned \(message)")
        }
        ctx.send("ack \(message)", to: sender)
    }
}

/// An SVG document parsed with Foundation's `XMLParser`: its elements in document order, each with its
/// children, and all its text (a newline between elements). `nil` when the XML is not well-formed.
final class SVGDocument: NSObject, XMLParserDelegate {
    final class Element {
        let name: String
        let attributes: [String: String]
        var children: [Element] = []
        init(name: String, attributes: [String: String]) {
            self.name = name
            self.attributes = attributes
        }
    }

    private(set) var elements: [Element] = []
    private(set) var text = ""
    private var open: [Element] = []
    private var failed = false

    /// On Linux `parse()` can return `true` for a document with unclosed tags or trailing junk, so the parser's
    /// error and the delegate's error callback are checked too.
    init?(_ svg: String) {
        super.init()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = self
        guard parser.parse(), parser.parserError == nil, !failed, open.isEmpty, !elements.isEmpty else { return nil }
    }

    /// The `<g>` elements of class `name`.
    func groups(_ name: String) -> [Element] {
        elements.filter { $0.name == "g" && $0.attributes["class"] == name }
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        let element = Element(name: elementName, attributes: attributes)
        text += "\n"
        open.last?.children.append(element)
        open.append(element)
        elements.append(element)
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        _ = open.popLast()
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
        failed = true
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        text += string
    }
}
