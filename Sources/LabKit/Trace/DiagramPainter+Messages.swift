extension DiagramPainter {
    /// One arrow per arrival (two for a duplicated message), a short arrow ending in ✕ per loss, and a dashed
    /// stub for a message that neither arrived nor was lost within the trace. Labels go at the sending end.
    mutating func drawMessages() {
        var received = Set<Int>(), dropped = Set<Int>()
        for row in layout.rows {
            guard let id = row.event.messageID else { continue }
            if row.event.kind == .receive { received.insert(id) }
            if row.event.kind == .drop { dropped.insert(id) }
        }
        var sends: [Int: DiagramLayout.Row] = [:]
        for row in layout.rows {
            let event = row.event
            switch event.kind {
            case .send:
                if let id = event.messageID, sends[id] == nil { sends[id] = row }
                let settled = event.messageID.map { received.contains($0) || dropped.contains($0) } ?? false
                label(row, received: event.messageID.map(received.contains) ?? false)
                if !settled { drawInFlight(row) }
            case .receive:
                drawArrival(row, send: event.messageID.flatMap { sends[$0] })
            case .drop:
                drawDrop(row, send: event.messageID.flatMap { sends[$0] })
            default:
                break
            }
        }
    }

    private func direction(from sender: NodeID, to receiver: NodeID) -> Double {
        let dx = layout.x(receiver) - layout.x(sender)
        return dx > 0 ? 1 : dx < 0 ? -1 : 0
    }

    private mutating func label(_ row: DiagramLayout.Row, received: Bool) {
        let event = row.event, x = layout.x(event.node)
        let duplicate = event.messageID.map(layout.duplicated.contains) ?? false
        let text = duplicate ? SVGCanvas.truncate(event.detail, to: layout.labelLimit - 3) + " ×2"
            : SVGCanvas.truncate(event.detail, to: layout.labelLimit)
        let color = duplicate ? DiagramPalette.duplicate : received ? DiagramPalette.message : DiagramPalette.drop
        let leftward = event.peer.map { direction(from: event.node, to: $0) < 0 } ?? false
        canvas.circle(x, row.y, radius: 2, fill: color)
        overlay.text(text, leftward ? x - 7 : x + 7, row.y - 4, fill: color, anchor: leftward ? "end" : "start")
    }

    private mutating func drawArrival(_ row: DiagramLayout.Row, send: DiagramLayout.Row?) {
        guard let sender = row.event.peer else { return }
        let id = row.event.messageID.map(String.init) ?? ""
        let color = (row.event.messageID.map(layout.duplicated.contains) ?? false) ? DiagramPalette.duplicate : DiagramPalette.message
        let from = (x: layout.x(sender), y: send?.y ?? row.y - DiagramLayout.rowHeight)
        let to = (x: layout.x(row.event.node), y: row.y)
        canvas.raw("<g class=\"arrow\" data-message=\"\(id)\">")
        if from.x == to.x {
            canvas.polyline([(from.x, from.y), (from.x + 28, from.y), (from.x + 28, to.y)], stroke: color, width: 1.3)
            arrow(from.x + 28, to.y, to.x + 1, to.y, color: color)
        } else {
            arrow(from.x, from.y, to.x, to.y, color: color)
        }
        canvas.raw("</g>")
    }

    private mutating func drawDrop(_ row: DiagramLayout.Row, send: DiagramLayout.Row?) {
        let event = row.event
        guard let receiver = event.peer else { return }
        let start = (x: layout.x(event.node), y: send?.y ?? row.y - DiagramLayout.rowHeight)
        let receiverX = layout.x(receiver)
        let dir = direction(from: event.node, to: receiver)
        let lostOnTheWay = send.map { $0.band == row.band } ?? false
        canvas.raw("<g class=\"drop\" data-message=\"\(event.messageID.map(String.init) ?? "")\">")
        if lostOnTheWay {
            // Lost as it left: a short arrow that stays within the first gap between lifelines (so its ✕
            // never sits on another node's line), then the reason and the destination beyond the ✕.
            let reach = min(abs(receiverX - start.x) * 0.45, layout.columnWidth * 0.5)
            let endX = start.x + (dir == 0 ? 1 : dir) * max(reach, 40)
            canvas.line(start.x, start.y, endX, row.y, stroke: DiagramPalette.drop, width: 1.2)
            canvas.cross(endX, row.y, size: 4.5, color: DiagramPalette.drop)
            let text = SVGCanvas.truncate("\(event.detail) → \(receiver)", to: layout.annotationLimit)
            overlay.text(text, dir < 0 ? endX - 9 : endX + 9, row.y + 3.5,
                         fill: DiagramPalette.drop, anchor: dir < 0 ? "end" : "start", bold: true)
        } else {
            // Travelled, then found its destination down or cut off: the ✕ sits just before the receiver.
            let endX = dir == 0 ? receiverX + 16 : receiverX - dir * 16
            canvas.line(start.x, start.y, endX, row.y, stroke: DiagramPalette.drop, width: 1.2)
            canvas.cross(endX, row.y, size: 4.5, color: DiagramPalette.drop)
            // The reason goes on the far side of the receiver's lifeline, clear of the incoming line.
            let text = SVGCanvas.truncate("dropped: \(event.detail)", to: layout.annotationLimit)
            if layout.reasonGoesBelow(row, send: send) {
                overlay.text(text, endX + 10, row.y + 14, fill: DiagramPalette.drop, bold: true)
            } else if dir < 0 {
                overlay.text(text, receiverX - 8, row.y + 3.5, fill: DiagramPalette.drop, anchor: "end", bold: true)
            } else {
                overlay.text(text, receiverX + (dir == 0 ? 28 : DiagramLayout.annotationOffset), row.y + 3.5,
                             fill: DiagramPalette.drop, bold: true)
            }
        }
        canvas.raw("</g>")
    }

    private mutating func drawInFlight(_ row: DiagramLayout.Row) {
        guard let receiver = row.event.peer else { return }
        let x = layout.x(row.event.node), dir = direction(from: row.event.node, to: receiver)
        let dx = (dir == 0 ? 1 : dir) * max(min(abs(layout.x(receiver) - x) * 0.3, layout.columnWidth * 0.4), 30)
        canvas.raw("<g class=\"in-flight\">")
        arrow(x, row.y, x + dx, row.y + DiagramLayout.rowHeight * 0.7, color: DiagramPalette.inFlight, dash: "4 3")
        canvas.raw("</g>")
    }

    /// A straight arrow whose head's tip is exactly at (`x2`, `y2`).
    mutating func arrow(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, color: String, dash: String? = nil) {
        let dx = x2 - x1, dy = y2 - y1
        let length = (dx * dx + dy * dy).squareRoot()
        guard length > 0 else { return }
        let ux = dx / length, uy = dy / length, head = min(9, length)
        let baseX = x2 - ux * head, baseY = y2 - uy * head
        canvas.line(x1, y1, baseX, baseY, stroke: color, width: 1.3, dash: dash)
        canvas.polygon([(x2, y2), (baseX - uy * 3.5, baseY + ux * 3.5), (baseX + uy * 3.5, baseY - ux * 3.5)], fill: color)
    }
}
