/// Draws a trace as one self-contained interactive HTML page: the space-time diagram of
/// ``SpaceTimeDiagram`` (same lanes, arrows, marks and colours), with stepping through the events from the
/// keyboard, a filter by node, a search, a jump to the failure and a details panel.
///
/// Everything is inline — styles, script and the trace itself as JSON escaped for a `<script>` element — so
/// the file opens offline from disk, and no text of the trace can end the script or add markup. The diagram
/// draws only the rows in view, so a trace of tens of thousands of events stays quick. Its address can drive
/// it: `page.html#line=57` opens on line 57 of the trace (`#only=`, `#search=` and `#keys=`: see
/// ``TraceViewerScript/driver``, which the browser tests use).
/// ```swift
/// let html = TraceViewerPage(title: "ping.2.2-retry, seed 7").render(sim.trace)
/// ```
public struct TraceViewerPage: Sendable, Equatable {
    /// The heading and the window's title, usually the trace's file name.
    public var title: String

    public init(title: String) {
        self.title = title
    }

    /// The HTML document for `events` (in the order recorded; shown in time order, ties in that order).
    public func render(_ events: [TraceEvent]) -> String {
        let escapedTitle = SVGCanvas.escape(title)
        return """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
        <title>\(escapedTitle) — trace viewer</title>
        <style>
        \(TraceViewerStyle.css)
        </style>
        </head>
        <body>
        \(Self.markup(title: escapedTitle))
        <script type="application/json" id="trace-data">\(Self.data(events, title: title))</script>
        <script>
        \(TraceViewerScript.source)
        </script>
        </body>
        </html>

        """
    }
}
