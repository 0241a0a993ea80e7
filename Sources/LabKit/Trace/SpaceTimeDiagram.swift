/// Draws a trace as a space-time diagram: a standalone SVG with one vertical lifeline per node, time flowing
/// down, and an arrow for every message from its sending to its arrival, so a run can be read at a glance.
///
/// Nodes appear left to right in the order they first show up. Rows follow the order of distinct instants
/// (not their distance), so bursts stay legible; the axis on the left keeps the true times. Losses end in a
/// red ✕ with their reason, crashes and restarts are bars on the lifeline (dashed while down), partitions
/// are shaded bands. The same events always give the same bytes.
/// ```swift
/// let svg = SpaceTimeDiagram(title: "ping, seed 7").render(sim.trace)
/// ```
public struct SpaceTimeDiagram: Sendable, Equatable {
    /// The heading drawn at the top.
    public var title: String
    /// Why the run failed, drawn in full under the heading (wrapped, line breaks kept); `nil` for none.
    public var failure: String?
    /// At most this many events are drawn: a longer trace is cut to a window that ends just after the failing
    /// event (or the last one), and the heading says what was left out. The JSONL trace keeps every event.
    public var maxEvents: Int
    /// Whether nodes' log lines are drawn (small, grey).
    public var showLogs: Bool
    /// Whether arming a timer is drawn (usually noise; firing always is).
    public var showTimerSets: Bool

    /// How many events after the failing one a cut trace keeps.
    static let eventsAfterFocus = 30

    /// A diagram style; the defaults suit a scenario's failure report.
    public init(title: String = "Space-time diagram", failure: String? = nil, maxEvents: Int = 400, showLogs: Bool = true,
                showTimerSets: Bool = false) {
        self.title = title
        self.failure = failure
        self.maxEvents = max(1, maxEvents)
        self.showLogs = showLogs
        self.showTimerSets = showTimerSets
    }

    /// The SVG document for `events` (in the order recorded).
    ///
    /// The failing event — the last handler failure, else the last event, where the run stopped — is marked on its row, and the SVG
    /// has a view named `failure` around it: open `diagram.svg#failure` in a browser to land there.
    public func render(_ events: [TraceEvent]) -> String {
        let focus = events.lastIndex { $0.kind == .failure } ?? (events.isEmpty ? nil : events.count - 1)
        let window = Self.window(count: events.count, focus: focus, size: maxEvents)
        let shown = Array(events[window])
        var note = failure ?? ""
        if shown.count < events.count {
            if !note.isEmpty { note += "\n" }
            // A graded failure stopped the run at its end; a demo's or a node's run simply ended there.
            let around = failure != nil || events.contains { $0.kind == .failure } ? "around the failure" : "the last ones, where the run ended"
            note += "(events \(window.lowerBound + 1)–\(window.upperBound) of \(events.count) drawn, \(around); the .jsonl has them all)"
        }

        // The legend's height depends on the width, which depends on the columns: measure with a trial layout.
        let trial = DiagramLayout(events: shown, showLogs: showLogs, showTimerSets: showTimerSets, top: 0)
        let width = max(trial.width, 720)
        let failureLines = note.isEmpty ? [] : Self.wrap(note, width: width)
        let top = DiagramPainter.headerHeight(width: width, failureLines: failureLines.count) + 40
        let layout = DiagramLayout(events: shown, showLogs: showLogs, showTimerSets: showTimerSets, top: top)

        var painter = DiagramPainter(layout: layout, width: width)
        painter.drawHeader(title: title, subtitle: subtitle(layout, eventCount: shown.count), failure: failureLines)
        painter.drawBody()
        if let focus { painter.markFocus(events[focus]) }
        var document = painter.canvas
        document.raw(painter.overlay.body)
        return document.document(width: width, height: layout.bottom + 40, fontFamily: "DejaVu Sans Mono, Menlo, Consolas, monospace")
    }

    /// The events to draw: all when they fit, else `size` of them ending a few events after `focus`.
    package static func window(count: Int, focus: Int?, size: Int) -> Range<Int> {
        guard count > size else { return 0..<count }
        let end = min(count, (focus ?? count - 1) + 1 + eventsAfterFocus)
        return max(0, end - size)..<max(end, min(size, count))
    }

    /// `text` as the lines drawn in a diagram `width` wide: its own line breaks kept, long lines wrapped at
    /// spaces (a word longer than a line is cut).
    package static func wrap(_ text: String, width: Double) -> [String] {
        let limit = max(20, Int((width - 48) / 6.6))
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            for word in paragraph.split(separator: " ", omittingEmptySubsequences: false) {
                if !line.isEmpty && line.count + 1 + word.count > limit {
                    lines.append(line)
                    line = ""
                }
                line += line.isEmpty ? String(word.prefix(limit)) : " " + word
            }
            lines.append(line)
        }
        return lines
    }

    private func subtitle(_ layout: DiagramLayout, eventCount: Int) -> String {
        guard let first = layout.bands.first, let last = layout.bands.last else { return "no events" }
        let unit = TraceTime.Unit.fitting(last.time)
        let span = "\(TraceTime.label(first.time, unit: unit)) to \(TraceTime.label(last.time, unit: unit))"
        return "\(layout.nodes.count) nodes · \(eventCount) events · \(span) · time flows down, one row per instant (not to scale)"
    }
}
