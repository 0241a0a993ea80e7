import LabKit
import Testing

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

    // MARK: A small faulty run to trace

    /// Five gossiping nodes over a lossy, duplicating network, with a crash, a restart, a partition and a heal.
    static func gossipRun(seed: UInt64) throws -> Simulation<String, String> {
        let names: [NodeID] = ["n1", "n2", "n3", "n4", "n5"]
        let sim = Simulation<String, String>(seed: seed, faults: .lossy(0.3, duplicateRate: 0.1))
        for name in names { sim.add(name) { Gossip(peers: names) } }
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
struct Gossip: NodeLogic {
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
