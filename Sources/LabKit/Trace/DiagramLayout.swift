/// Where everything of a space-time diagram goes: one column per node, one row per drawn event, and rows at
/// the same instant grouped in a band. Pure geometry; ``DiagramPainter`` turns it into SVG.
///
/// The y axis maps the *rank* of each distinct time, not the time itself, so a burst of events one
/// microsecond apart gets as much room as events seconds apart. Every drawn event gets a row of its own, so
/// no two labels ever share a line.
struct DiagramLayout {
    /// One drawn event and the height it is drawn at.
    struct Row {
        let event: TraceEvent
        let y: Double
        /// Index into ``bands``.
        let band: Int
    }

    /// The rows that share one instant.
    struct Band {
        let time: Int64
        /// The y of the band's first row.
        let top: Double
    }

    static let axisWidth = 112.0
    static let rowHeight = 18.0
    static let bandGap = 6.0
    /// The advance of one character of the 10-pixel monospaced font.
    static let charWidth = 6.1
    static let annotationOffset = 10.0

    let nodes: [NodeID]
    let columnWidth: Double
    let rows: [Row]
    let bands: [Band]
    /// Where lifelines start and end.
    let top: Double
    let bottom: Double
    /// The longest annotation (output, timer, log) and message label that fit, in characters.
    let annotationLimit: Int
    let labelLimit: Int
    /// Message ids delivered more than once.
    let duplicated: Set<Int>
    private let columnOf: [NodeID: Int]

    init(events: [TraceEvent], showLogs: Bool, showTimerSets: Bool, top: Double) {
        var nodes: [NodeID] = []
        var columnOf: [NodeID: Int] = [:]
        func note(_ node: NodeID) {
            if columnOf[node] == nil { columnOf[node] = nodes.count; nodes.append(node) }
        }
        for event in events {
            note(event.node)
            if let peer = event.peer { note(peer) }
        }
        self.nodes = nodes
        self.columnOf = columnOf

        var duplicated = Set<Int>(), arrivals: [Int: Int] = [:]
        for event in events {
            guard let id = event.messageID else { continue }
            if event.kind == .duplicate { duplicated.insert(id) }
            if event.kind == .receive { arrivals[id, default: 0] += 1 }
        }
        for (id, count) in arrivals where count > 1 { duplicated.insert(id) }
        self.duplicated = duplicated

        let drawn = events.enumerated().filter { Self.isDrawn($0.element.kind, showLogs: showLogs, showTimerSets: showTimerSets) }
            .sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }
            .map(\.element)
        var rows: [Row] = [], bands: [Band] = [], sendBand: [Int: Int] = [:]
        var y = top
        for event in drawn {
            let time = event.time.nanoseconds
            if bands.last?.time != time {
                y += bands.isEmpty ? Self.rowHeight : Self.bandGap + Self.rowHeight
                bands.append(Band(time: time, top: y))
            } else {
                y += Self.rowHeight
            }
            rows.append(Row(event: event, y: y, band: bands.count - 1))
            if event.kind == .send, let id = event.messageID, sendBand[id] == nil { sendBand[id] = bands.count - 1 }
            if Self.reasonGoesBelow(event, sendBand: event.messageID.flatMap { sendBand[$0] }, band: bands.count - 1, columnOf: columnOf) {
                y += Self.rowHeight * 0.7
            }
        }
        self.rows = rows
        self.bands = bands
        self.top = top
        bottom = y + Self.rowHeight * 1.5

        let longestAnnotation = rows.compactMap { Self.annotation(for: $0.event) }.map(\.count).max() ?? 0
        let longestLabel = rows.filter { $0.event.kind == .send }.map { $0.event.detail.count + 3 }.max() ?? 0
        let wanted = Double(max(min(longestAnnotation, 40), min(longestLabel, 26))) * Self.charWidth + 34
        columnWidth = min(max(wanted, 170), 290)
        annotationLimit = Int((columnWidth - Self.annotationOffset - 16) / Self.charWidth)
        labelLimit = min(26, Int((columnWidth - 24) / Self.charWidth))
    }

    /// Whether a drop's reason must go under its line: a message that travelled leftwards into the first
    /// column, where there is no room left of the lifeline. The layout leaves extra space under such rows.
    static func reasonGoesBelow(_ event: TraceEvent, sendBand: Int?, band: Int, columnOf: [NodeID: Int]) -> Bool {
        guard event.kind == .drop, let peer = event.peer, let sendBand, sendBand != band else { return false }
        return columnOf[peer] == 0 && columnOf[event.node] != 0
    }

    /// See ``reasonGoesBelow(_:sendBand:band:columnOf:)``.
    func reasonGoesBelow(_ row: Row, send: Row?) -> Bool {
        Self.reasonGoesBelow(row.event, sendBand: send?.band, band: row.band, columnOf: columnOf)
    }

    /// The x of a node's lifeline.
    func x(_ node: NodeID) -> Double {
        Self.axisWidth + 24 + Double(columnOf[node] ?? 0) * columnWidth
    }

    /// The width the columns need.
    var width: Double { Self.axisWidth + 24 + Double(max(nodes.count, 1)) * columnWidth }

    /// Whether events of `kind` get a row; duplicates are shown on their message's arrows instead.
    static func isDrawn(_ kind: TraceEvent.Kind, showLogs: Bool, showTimerSets: Bool) -> Bool {
        switch kind {
        case .duplicate: false
        case .log: showLogs
        case .timerSet: showTimerSets
        default: true
        }
    }

    /// The text written beside a node's lifeline for `event`, if it has one (messages are labelled on arrows).
    static func annotation(for event: TraceEvent) -> String? {
        switch event.kind {
        case .send, .receive, .duplicate, .drop, .partition, .heal: nil
        case .deliver: event.detail
        case .timerFired: "timer \(event.detail)"
        case .timerSet: "set \(event.detail)"
        case .log: event.detail
        case .command: "command \(event.detail)"
        case .crash: "CRASH"
        case .restart: "restart"
        case .failure: "FAILED: \(event.detail)"
        }
    }
}
