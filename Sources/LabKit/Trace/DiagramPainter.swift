/// Draws a ``DiagramLayout`` as SVG: partitions underneath, then lifelines, arrows, markers and labels on top,
/// so text (with its white halo) stays readable where lines cross it.
struct DiagramPainter {
    let layout: DiagramLayout
    let width: Double
    /// Lines and shapes.
    var canvas = SVGCanvas()
    /// Text, drawn after every shape so that no line covers a label.
    var overlay = SVGCanvas()

    init(layout: DiagramLayout, width: Double) {
        self.layout = layout
        self.width = width
    }

    /// Everything below the header.
    mutating func drawBody() {
        drawPartitions()
        drawTimeAxis()
        drawLifelines()
        drawMessages()
        drawEvents()
        drawNodeLabels(atTop: true)
        drawNodeLabels(atTop: false)
    }

    private mutating func drawPartitions() {
        let left = DiagramLayout.axisWidth, right = width - 8
        var start: DiagramLayout.Row?
        for row in layout.rows where row.event.kind == .partition || row.event.kind == .heal {
            if row.event.kind == .partition {
                if let open = start { canvas.rect(left, open.y, right - left, row.y - open.y, fill: DiagramPalette.partitionFill) }
                start = row
            } else if let open = start {
                canvas.rect(left, open.y, right - left, row.y - open.y, fill: DiagramPalette.partitionFill)
                start = nil
            }
        }
        if let open = start { canvas.rect(left, open.y, right - left, layout.bottom - open.y, fill: DiagramPalette.partitionFill) }
    }

    private mutating func drawTimeAxis() {
        let axis = DiagramLayout.axisWidth - 8
        canvas.line(axis, layout.top, axis, layout.bottom, stroke: "#bbbbbb")
        let unit = TraceTime.Unit.fitting(layout.bands.last?.time ?? 0)
        for band in layout.bands {
            canvas.line(axis, band.top, width - 8, band.top, stroke: DiagramPalette.grid)
            canvas.line(axis - 4, band.top, axis, band.top, stroke: "#bbbbbb")
            overlay.text(TraceTime.label(band.time, unit: unit), axis - 7, band.top + 3.5, size: 9.5, fill: DiagramPalette.axis,
                        anchor: "end", halo: false)
        }
    }

    private mutating func drawLifelines() {
        for node in layout.nodes {
            let x = layout.x(node)
            canvas.raw("<g class=\"lifeline\" data-node=\"\(SVGCanvas.escape(node.name))\">")
            var from = layout.top, down = false
            for row in layout.rows where row.event.node == node && (row.event.kind == .crash || row.event.kind == .restart) {
                let nowDown = row.event.kind == .crash
                guard nowDown != down else { continue }
                segment(x, from, row.y, down: down)
                from = row.y
                down = nowDown
            }
            segment(x, from, layout.bottom, down: down)
            canvas.raw("</g>")
        }
    }

    private mutating func segment(_ x: Double, _ from: Double, _ to: Double, down: Bool) {
        guard to > from else { return }
        if down {
            canvas.line(x, from, x, to, stroke: DiagramPalette.downLifeline, width: 1.5, dash: "3 4")
        } else {
            canvas.line(x, from, x, to, stroke: DiagramPalette.lifeline, width: 1.5)
        }
    }

    private mutating func drawNodeLabels(atTop: Bool) {
        for node in layout.nodes {
            let name = SVGCanvas.truncate(node.name, to: Int((layout.columnWidth - 30) / 7.4))
            let boxWidth = Double(name.count) * 7.4 + 16
            let y = atTop ? layout.top - 24 : layout.bottom + 4
            canvas.rect(layout.x(node) - boxWidth / 2, y, boxWidth, 20, fill: "#eef2f7",
                        extra: " stroke=\"#8a9bb0\" rx=\"4\"")
            overlay.text(name, layout.x(node), y + 14.5, size: 12, fill: "#1d2b3a", anchor: "middle", bold: true, halo: false)
        }
    }
}

extension DiagramPainter {
    /// Marks the row of `event` (or, if it is not drawn, the last row before it) — where a handler failed, or
    /// where the run stopped — and adds the SVG view `failure` around it (`diagram.svg#failure` opens there).
    mutating func markFocus(_ event: TraceEvent) {
        guard let row = layout.rows.last(where: { $0.event == event }) ?? layout.rows.last(where: { $0.event.time <= event.time }) else { return }
        let left = DiagramLayout.axisWidth - 8, right = width - 8
        let height = DiagramLayout.rowHeight
        canvas.rect(left, row.y - height / 2, right - left, height, fill: "#d93025", extra: " fill-opacity=\"0.14\" class=\"failure-focus\"")
        canvas.line(left, row.y - height / 2, left, row.y + height / 2, stroke: "#d93025", width: 4)
        let label = event.kind == .failure ? "◀ the handler failed here" : "◀ the run stopped here"
        overlay.text(label, right - 4, row.y + 3.5, size: 10, fill: "#a50e0e", anchor: "end", bold: true)
        let viewTop = max(0, row.y - 320)
        canvas.raw("<view id=\"failure\" viewBox=\"0 \(canvas.n(viewTop)) \(canvas.n(width)) \(canvas.n(min(640, layout.bottom + 40 - viewTop)))\"/>")
    }
}
