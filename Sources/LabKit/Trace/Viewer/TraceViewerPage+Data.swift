extension TraceViewerPage {
    /// The trace as the page's script reads it: one JSON object, safe inside a `<script>` element.
    ///
    /// Events come in time order (ties in recorded order) as compact arrays
    /// `[line, kind, node, peer, message, instant, detail]`: `line` is the event's 1-based position in the
    /// trace as recorded (its line in the `.jsonl`), `kind`, `node` and `peer` index `kinds` and `nodes`
    /// (`-1` for no peer), `message` indexes `messages` (`-1` for none), `instant` indexes `instants`, the
    /// distinct times as `[axis label, exact nanoseconds]`. Indices keep the page exact where JavaScript
    /// numbers are not (message ids and nanoseconds beyond 2^53). Every `<`, `>` and `&` is written as a
    /// `\u` escape, so no detail (`</script>`, `<!--`) can close the element or start markup.
    static func data(_ events: [TraceEvent], title: String) -> String {
        let ordered = events.enumerated().sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }
        var nodes: [String] = [], nodeIndex: [NodeID: Int] = [:]
        func index(of node: NodeID) -> Int {
            if let known = nodeIndex[node] { return known }
            nodeIndex[node] = nodes.count
            nodes.append(node.name)
            return nodes.count - 1
        }
        for event in events {
            _ = index(of: event.node)
            if let peer = event.peer { _ = index(of: peer) }
        }
        let kinds = TraceEvent.Kind.allCases
        let kindIndex = Dictionary(uniqueKeysWithValues: kinds.enumerated().map { ($1, $0) })
        let unit = TraceTime.Unit.fitting(ordered.last?.element.time.nanoseconds ?? 0)

        var out = "{\"title\":"
        TraceJSONL.appendString(title, to: &out)
        out += ",\"kinds\":[" + kinds.map { "\"\($0.rawValue)\"" }.joined(separator: ",") + "]"
        out += ",\"nodes\":["
        for (position, name) in nodes.enumerated() {
            if position > 0 { out += "," }
            TraceJSONL.appendString(name, to: &out)
        }
        out += "],\"palette\":" + Self.paletteJSON
        var instants: [String] = [], messages: [String] = [], messageIndex: [Int: Int] = [:]
        var lastTime: Int64?
        out += ",\"events\":["
        out.reserveCapacity(out.utf8.count + events.count * 64)
        for (position, (offset, event)) in ordered.enumerated() {
            let time = event.time.nanoseconds
            if time != lastTime {
                instants.append("[\"\(TraceTime.label(time, unit: unit))\",\"\(time)\"]")
                lastTime = time
            }
            let message = event.messageID.map { id in
                if let known = messageIndex[id] { return known }
                messageIndex[id] = messages.count
                messages.append("\"\(id)\"")
                return messages.count - 1
            } ?? -1
            if position > 0 { out += "," }
            out += "[\(offset + 1),\(kindIndex[event.kind]!),\(index(of: event.node)),\(event.peer.map(index(of:)) ?? -1),"
            out += "\(message),\(instants.count - 1),"
            TraceJSONL.appendString(event.detail, to: &out)
            out += "]"
        }
        out += "],\"instants\":[" + instants.joined(separator: ",") + "]"
        out += ",\"messages\":[" + messages.joined(separator: ",") + "]}"
        return Self.scriptSafe(out)
    }

    /// `json` with `<`, `>` and `&` as `\u` escapes: the same JSON value, and inert inside `<script>`. The
    /// three appear only inside strings, where the escape means the same character.
    static func scriptSafe(_ json: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(json.utf8.count + json.utf8.count / 16)
        for byte in json.utf8 {
            switch byte {
            case UInt8(ascii: "<"): bytes += "\\u003c".utf8
            case UInt8(ascii: ">"): bytes += "\\u003e".utf8
            case UInt8(ascii: "&"): bytes += "\\u0026".utf8
            default: bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// ``DiagramPalette`` for the script, so the page and the SVG share their colours.
    private static let paletteJSON = "{" + [
        ("message", DiagramPalette.message), ("duplicate", DiagramPalette.duplicate), ("drop", DiagramPalette.drop),
        ("inFlight", DiagramPalette.inFlight), ("delivery", DiagramPalette.delivery), ("timer", DiagramPalette.timer),
        ("log", DiagramPalette.log), ("command", DiagramPalette.command), ("crash", DiagramPalette.crash),
        ("restart", DiagramPalette.restart), ("partition", DiagramPalette.partition),
        ("partitionFill", DiagramPalette.partitionFill), ("lifeline", DiagramPalette.lifeline),
        ("downLifeline", DiagramPalette.downLifeline), ("grid", DiagramPalette.grid), ("axis", DiagramPalette.axis),
    ].map { "\"\($0.0)\":\"\($0.1)\"" }.joined(separator: ",") + "}"
}
