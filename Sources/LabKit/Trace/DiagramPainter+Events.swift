extension DiagramPainter {
    /// Marks each non-message event on its node's lifeline, with its text beside it: outputs, timers, logs,
    /// commands, crashes and restarts, failures, and partitions across the whole width.
    mutating func drawEvents() {
        for row in layout.rows {
            let event = row.event, x = layout.x(event.node), y = row.y
            let textX = x + DiagramLayout.annotationOffset, baseline = y + 3.5
            let text = SVGCanvas.truncate(DiagramLayout.annotation(for: event) ?? "", to: layout.annotationLimit)
            switch event.kind {
            case .deliver:
                canvas.circle(x, y, radius: 3.5, fill: DiagramPalette.delivery)
                overlay.text(text, textX, baseline, fill: DiagramPalette.delivery, bold: true)
            case .timerFired:
                canvas.circle(x, y, radius: 3.5, fill: "#ffffff", stroke: DiagramPalette.timer)
                overlay.text(text, textX, baseline, fill: DiagramPalette.timer)
            case .timerSet:
                canvas.circle(x, y, radius: 2.5, fill: "#ffffff", stroke: DiagramPalette.timer)
                overlay.text(text, textX, baseline, size: 9.5, fill: DiagramPalette.timer, italic: true)
            case .log:
                canvas.circle(x, y, radius: 2, fill: DiagramPalette.log)
                overlay.text(text, textX, baseline, size: 9.5, fill: DiagramPalette.log, italic: true)
            case .command:
                canvas.circle(x, y, radius: 3.5, fill: DiagramPalette.command)
                overlay.text(text, textX, baseline, fill: DiagramPalette.command, bold: true)
            case .crash, .restart:
                let color = event.kind == .crash ? DiagramPalette.crash : DiagramPalette.restart
                canvas.rect(x - 12, y - 3, 24, 6, fill: color, extra: " class=\"\(event.kind.rawValue)\"")
                overlay.text(text, x + 17, baseline, size: 11, fill: color, bold: true)
            case .failure:
                canvas.circle(x, y, radius: 5.5, fill: DiagramPalette.crash)
                overlay.text(text, textX + 2, baseline, fill: DiagramPalette.crash, bold: true)
            case .partition, .heal:
                let left = DiagramLayout.axisWidth, right = width - 8
                canvas.line(left, y, right, y, stroke: DiagramPalette.partition, width: 1.2, dash: "6 4")
                let what = event.kind == .partition ? "partition: \(event.detail)" : "partition healed"
                let limit = Int((right - left - 20) / DiagramLayout.charWidth)
                overlay.text(SVGCanvas.truncate(what, to: limit), left + 8, y - 4, fill: DiagramPalette.partition, bold: true)
            case .send, .receive, .drop, .duplicate:
                break
            }
        }
    }
}
