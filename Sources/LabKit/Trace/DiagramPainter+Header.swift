extension DiagramPainter {
    /// The symbols explained under the title, in order.
    enum LegendEntry: CaseIterable {
        case message, duplicate, drop, inFlight, delivery, timer, log, crash, restart, partition, failure

        var label: String {
            switch self {
            case .message: "message"
            case .duplicate: "duplicated (×2)"
            case .drop: "dropped + why"
            case .inFlight: "not arrived yet"
            case .delivery: "output to user"
            case .timer: "timer fired"
            case .log: "log line"
            case .crash: "crash (dashed: down)"
            case .restart: "restart"
            case .partition: "partition"
            case .failure: "handler failed"
            }
        }
    }

    static let legendEntryWidth = 168.0
    static let legendRowHeight = 18.0

    /// How many legend entries go on one line of a diagram `width` wide: as many as fit, evened out over
    /// the lines needed (4, 4, 3 rather than 5, 5, 1).
    static func legendColumns(width: Double) -> Int {
        let count = LegendEntry.allCases.count
        let fitting = max(1, Int((width - 32) / legendEntryWidth))
        let rows = (count + fitting - 1) / fitting
        return (count + rows - 1) / rows
    }

    static let failureLineHeight = 15.0

    /// The height of the title, subtitle, failure text and legend together.
    static func headerHeight(width: Double, failureLines: Int = 0) -> Double {
        let count = LegendEntry.allCases.count, columns = legendColumns(width: width)
        return 62 + failureHeight(lines: failureLines) + Double((count + columns - 1) / columns) * legendRowHeight
    }

    /// The room the failure text takes: its lines and a margin, nothing without one.
    static func failureHeight(lines: Int) -> Double {
        lines == 0 ? 0 : Double(lines) * failureLineHeight + 14
    }

    /// The title, a line of facts about the trace, the failure in full, and the legend.
    mutating func drawHeader(title: String, subtitle: String, failure: [String] = []) {
        let sans = " font-family=\"Helvetica, Arial, sans-serif\""
        let limit = Int((width - 32) / 9.5)
        overlay.text(SVGCanvas.truncate(title, to: limit), 16, 28, size: 17, fill: "#111111", bold: true, halo: false, extra: sans)
        overlay.text(SVGCanvas.truncate(subtitle, to: Int((width - 32) / 6.2)), 16, 47, size: 11, fill: "#555555", halo: false, extra: sans)
        if !failure.isEmpty {
            canvas.rect(12, 56, width - 24, Self.failureHeight(lines: failure.count) - 4, fill: "#fdecea", extra: " stroke=\"#d93025\" rx=\"4\"")
            for (index, line) in failure.enumerated() {
                overlay.text(line, 20, 70 + Double(index) * Self.failureLineHeight, size: 11, fill: "#a50e0e", halo: false)
            }
        }
        let legendTop = 68 + Self.failureHeight(lines: failure.count)
        let columns = Self.legendColumns(width: width)
        for (index, entry) in LegendEntry.allCases.enumerated() {
            let x = 16 + Double(index % columns) * Self.legendEntryWidth
            let y = legendTop + Double(index / columns) * Self.legendRowHeight
            drawSymbol(entry, x: x, y: y)
            overlay.text(entry.label, x + 34, y + 3.5, size: 10, fill: "#333333", halo: false)
        }
    }

    mutating func drawSymbol(_ entry: LegendEntry, x: Double, y: Double) {
        switch entry {
        case .message: arrow(x, y - 5, x + 26, y + 5, color: DiagramPalette.message)
        case .duplicate: arrow(x, y - 5, x + 26, y + 5, color: DiagramPalette.duplicate)
        case .drop:
            canvas.line(x, y - 5, x + 18, y + 3, stroke: DiagramPalette.drop, width: 1.2)
            canvas.cross(x + 18, y + 3, size: 4, color: DiagramPalette.drop)
        case .inFlight: arrow(x, y - 5, x + 26, y + 5, color: DiagramPalette.inFlight, dash: "4 3")
        case .delivery: canvas.circle(x + 12, y, radius: 3.5, fill: DiagramPalette.delivery)
        case .timer: canvas.circle(x + 12, y, radius: 3.5, fill: "#ffffff", stroke: DiagramPalette.timer)
        case .log: canvas.circle(x + 12, y, radius: 2, fill: DiagramPalette.log)
        case .crash:
            canvas.rect(x, y - 7, 24, 5, fill: DiagramPalette.crash)
            canvas.line(x + 12, y - 2, x + 12, y + 9, stroke: DiagramPalette.downLifeline, width: 1.5, dash: "3 3")
        case .restart: canvas.rect(x, y - 3, 24, 6, fill: DiagramPalette.restart)
        case .partition:
            canvas.rect(x, y - 7, 26, 14, fill: DiagramPalette.partitionFill)
            canvas.line(x, y - 7, x + 26, y - 7, stroke: DiagramPalette.partition, width: 1.2, dash: "6 4")
        case .failure: canvas.circle(x + 12, y, radius: 5.5, fill: DiagramPalette.crash)
        }
    }
}
