/// Draws a ``LabArchitecture`` as a standalone SVG: a box per role along the top with its lifeline, and under
/// them one arrow per message from the role that sends it to the role that receives it, grouped by channel.
public struct ArchitectureDiagram: Sendable {
    public var title: String
    /// A line under the title.
    public var subtitle: String

    public init(title: String, subtitle: String = "") {
        self.title = title
        self.subtitle = subtitle
    }

    static let column = 230.0, row = 24.0, boxWidth = 150.0, boxHeight = 44.0

    /// The SVG document for `architecture`.
    public func render(_ architecture: LabArchitecture) -> String {
        var canvas = SVGCanvas()
        let top = ChartText.header(title: title, subtitle: subtitle, into: &canvas) + 8
        let x = { (role: String) in 40 + Self.boxWidth / 2 + Double(architecture.roles.firstIndex { $0.name == role } ?? 0) * Self.column }
        var rows: [(channel: String?, flow: MessageFlow?)] = []
        for flow in architecture.flows {
            if rows.last?.flow?.channel != flow.channel { rows.append((flow.channel, nil)) }
            rows.append((nil, flow))
        }
        let linesTop = top + Self.boxHeight + 18
        let bottom = linesTop + Double(rows.count) * Self.row + 8
        let width = max(80 + Self.boxWidth + Double(architecture.roles.count - 1) * Self.column, ChartText.width(title: title, subtitle: subtitle))
        for role in architecture.roles {
            canvas.line(x(role.name), top + Self.boxHeight, x(role.name), bottom, stroke: ChartPalette.grid, width: 2)
            canvas.rect(x(role.name) - Self.boxWidth / 2, top, Self.boxWidth, Self.boxHeight, fill: "#eef3fb",
                        extra: " stroke=\"\(ChartPalette.series[0])\" stroke-width=\"1.5\" rx=\"6\"")
            canvas.text(role.name, x(role.name), top + 19, size: 13, anchor: "middle", bold: true, halo: false)
            canvas.text("× \(role.count)", x(role.name), top + 35, size: 11, fill: "#555555", anchor: "middle", halo: false)
        }
        for (index, entry) in rows.enumerated() {
            let y = linesTop + Double(index) * Self.row + 14
            if let channel = entry.channel {
                canvas.text(channel, 12, y + 2, size: 11, fill: "#555555", italic: true, halo: false)
                canvas.line(12 + Double(channel.count) * 6.5 + 8, y - 2, width - 12, y - 2, stroke: ChartPalette.grid, dash: "3 3")
                continue
            }
            guard let flow = entry.flow else { continue }
            let from = x(flow.from), to = x(flow.to), direction = to >= from ? 1.0 : -1.0
            canvas.line(from, y, to - direction * 8, y, stroke: ChartPalette.series[0], width: 1.5)
            canvas.polygon([(to, y), (to - direction * 9, y - 4.5), (to - direction * 9, y + 4.5)], fill: ChartPalette.series[0])
            canvas.circle(from, y, radius: 2.5, fill: ChartPalette.series[0])
            canvas.text(flow.name, (from + to) / 2, y - 4, size: 11, anchor: "middle", bold: true)
        }
        return canvas.document(width: width, height: bottom + 12, fontFamily: ChartText.font)
    }
}
