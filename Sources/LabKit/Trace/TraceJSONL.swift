/// Writes traces as JSON Lines and reads them back: one event per line, keys always in the same order.
///
/// The output is byte-identical for identical events, so comparing two files proves two runs were the same;
/// reading it back lets a saved trace be drawn again later.
/// ```swift
/// let text = TraceJSONL.encode(sim.trace)
/// // {"t_ns":1000000,"t":"1.000 ms","node":"server","kind":"receive","peer":"client","message_id":1,"detail":"PING 1/1"}
/// let events = try TraceJSONL.decode(text)
/// ```
public enum TraceJSONL {
    /// Every event on its own line, each line ending in `\n`.
    public static func encode(_ events: [TraceEvent]) -> String {
        var out = ""
        out.reserveCapacity(events.count * 120)
        for event in events {
            appendLine(event, to: &out)
            out.append("\n")
        }
        return out
    }

    /// One event as one JSON object, without the newline. `t` is a readable copy of `t_ns`; absent peers and
    /// message ids are `null`; strings are escaped so the line holds no raw control characters.
    public static func encodeLine(_ event: TraceEvent) -> String {
        var out = ""
        appendLine(event, to: &out)
        return out
    }

    /// Reads text written by ``encode(_:)``; blank lines are skipped and unknown keys ignored.
    public static func decode(_ text: String) throws(TraceJSONLError) -> [TraceEvent] {
        var events: [TraceEvent] = []
        for (index, line) in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            events.append(try decodeLine(Array(line), lineNumber: index + 1))
        }
        return events
    }

    /// Reads one line; `lineNumber` only labels errors.
    public static func decodeLine(_ line: String, lineNumber: Int = 1) throws(TraceJSONLError) -> TraceEvent {
        try decodeLine(Array(line.utf8), lineNumber: lineNumber)
    }

    private static func decodeLine(_ bytes: [UInt8], lineNumber: Int) throws(TraceJSONLError) -> TraceEvent {
        var parser = JSONLineParser(bytes, line: lineNumber)
        let fields = try parser.parseObject()
        func field(_ name: String) -> JSONLineParser.Value? { fields.first { $0.key == name }?.value }
        func invalid(_ name: String, _ reason: String) -> TraceJSONLError {
            .invalidField(line: lineNumber, field: name, reason: reason)
        }

        guard let time = field("t_ns") else { throw .missingField(line: lineNumber, field: "t_ns") }
        guard case let .integer(nanoseconds) = time else { throw invalid("t_ns", "must be a whole number of nanoseconds") }
        guard let kindValue = field("kind") else { throw .missingField(line: lineNumber, field: "kind") }
        guard case let .string(kindName) = kindValue else { throw invalid("kind", "must be a string") }
        guard let kind = TraceEvent.Kind(rawValue: kindName) else {
            let known = TraceEvent.Kind.allCases.map(\.rawValue).joined(separator: ", ")
            throw invalid("kind", "is \"\(kindName)\", not one of \(known)")
        }
        guard let nodeValue = field("node") else { throw .missingField(line: lineNumber, field: "node") }
        guard case let .string(node) = nodeValue else { throw invalid("node", "must be a string") }

        var peer: NodeID?
        switch field("peer") {
        case nil, .null?: peer = nil
        case let .string(name)?: peer = NodeID(name)
        case .integer?: throw invalid("peer", "must be a string or null")
        }
        var messageID: Int?
        switch field("message_id") {
        case nil, .null?: messageID = nil
        case let .integer(id)?:
            guard let id = Int(exactly: id) else { throw invalid("message_id", "is out of range") }
            messageID = id
        case .string?: throw invalid("message_id", "must be a whole number or null")
        }
        var detail = ""
        switch field("detail") {
        case nil, .null?: detail = ""
        case let .string(text)?: detail = text
        case .integer?: throw invalid("detail", "must be a string")
        }
        if let readable = field("t"), case .integer = readable { throw invalid("t", "must be a string") }

        return TraceEvent(time: .nanoseconds(nanoseconds), kind: kind, node: NodeID(node), peer: peer,
                          messageID: messageID, detail: detail)
    }

    private static func appendLine(_ event: TraceEvent, to out: inout String) {
        let nanoseconds = event.time.nanoseconds
        out.append("{\"t_ns\":\(nanoseconds),\"t\":")
        appendString(TraceTime.label(nanoseconds), to: &out)
        out.append(",\"node\":")
        appendString(event.node.name, to: &out)
        out.append(",\"kind\":")
        appendString(event.kind.rawValue, to: &out)
        out.append(",\"peer\":")
        if let peer = event.peer { appendString(peer.name, to: &out) } else { out.append("null") }
        out.append(",\"message_id\":")
        if let id = event.messageID { out.append(String(id)) } else { out.append("null") }
        out.append(",\"detail\":")
        appendString(event.detail, to: &out)
        out.append("}")
    }

    /// Appends `text` as a JSON string: quotes, backslashes and control characters escaped, and U+2028/U+2029
    /// too (JavaScript readers choke on them); everything else stays as UTF-8.
    static func appendString(_ text: String, to out: inout String) {
        out.append("\"")
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out.append("\\\"")
            case "\\": out.append("\\\\")
            case "\n": out.append("\\n")
            case "\r": out.append("\\r")
            case "\t": out.append("\\t")
            case "\u{08}": out.append("\\b")
            case "\u{0C}": out.append("\\f")
            case _ where scalar.value < 0x20 || scalar.value == 0x7F || scalar.value == 0x2028 || scalar.value == 0x2029:
                let hex = String(scalar.value, radix: 16)
                out.append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        out.append("\"")
    }
}
