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
    /// Only the first `maxEvents` events are drawn (the title says so), to keep huge traces viewable.
    public var maxEvents: Int
    /// Whether nodes' log lines are drawn (small, grey).
    public var showLogs: Bool
    /// Whether arming a timer is drawn (usually noise; firing always is).
    public var showTimerSets: Bool

    /// A diagram style; the defaults suit a scenario's failure report.
    public init(title: String = "Space-time diagram", maxEvents: Int = 1_000, showLogs: Bool = true, showTimerSets: Bool = false) {
        self.title = title
        self.maxEvents = max(1, maxEvents)
        self.showLogs = showLogs
        self.showTimerSets = showTimerSets
    }

    /// The SVG document for `events` (in the order recorded).
    public func render(_ events: [TraceEvent]) -> String {
        let shown = Array(events.prefix(maxEvents))
        var heading = title
        if events.count > shown.count { heading += " (first \(shown.count) of \(events.count) events)" }

        // The legend's height depends on the width, which depends on the columns: measure with a trial layout.
        let trial = DiagramLayout(events: shown, showLogs: showLogs, showTimerSets: showTimerSets, top: 0)
        let width = max(trial.width, 720)
        let top = DiagramPainter.headerHeight(width: width) + 40
        let layout = DiagramLayout(events: shown, showLogs: showLogs, showTimerSets: showTimerSets, top: top)

        var painter = DiagramPainter(layout: layout, width: width)
        painter.drawHeader(title: heading, subtitle: subtitle(layout, eventCount: shown.count))
        painter.drawBody()
        var document = painter.canvas
        document.raw(painter.overlay.body)
        return document.document(width: width, height: layout.bottom + 40, fontFamily: "DejaVu Sans Mono, Menlo, Consolas, monospace")
    }

    private func subtitle(_ layout: DiagramLayout, eventCount: Int) -> String {
        guard let first = layout.bands.first, let last = layout.bands.last else { return "no events" }
        let unit = TraceTime.Unit.fitting(last.time)
        let span = "\(TraceTime.label(first.time, unit: unit)) to \(TraceTime.label(last.time, unit: unit))"
        return "\(layout.nodes.count) nodes · \(eventCount) events · \(span) · time flows down, one row per instant (not to scale)"
    }
}
