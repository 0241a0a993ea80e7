/// A horizontal bar chart as a standalone SVG: one bar per figure, the baseline first in grey, each bar
/// labelled with the value it was drawn from. The report draws each benchmark against the baseline measured
/// in the same run with it.
/// ```swift
/// BarChart(title: "Download, GB/s", bars: [.init("socket blast", 2.1, label: "2.10 GB/s", baseline: true),
///                                          .init("3 sources", 1.4, label: "1.40 GB/s (0.67×)")]).render()
/// ```
public struct BarChart: Sendable, Equatable {
    /// One bar.
    public struct Bar: Sendable, Equatable {
        public let name: String
        public let value: Double
        /// The text written after the bar (the value as the report's tables print it).
        public let label: String
        /// Whether this is the baseline the other bars compare with (drawn grey).
        public let baseline: Bool

        public init(_ name: String, _ value: Double, label: String, baseline: Bool = false) {
            self.name = name
            self.value = value
            self.label = label
            self.baseline = baseline
        }
    }

    public var title: String
    /// A line under the title (what is measured, what is better).
    public var subtitle: String
    public var bars: [Bar]

    public init(title: String, subtitle: String = "", bars: [Bar]) {
        self.title = title
        self.subtitle = subtitle
        self.bars = bars
    }

    static let barHeight = 22.0, gap = 10.0, plotWidth = 360.0

    /// The SVG document; the longest bar spans the plot, a bar of 0 (or a negative value) draws none.
    public func render() -> String {
        var canvas = SVGCanvas()
        let nameWidth = max(120, Double(bars.map(\.name.count).max() ?? 0) * 7 + 16)
        let labelWidth = max(90, Double(bars.map(\.label.count).max() ?? 0) * 7 + 12)
        let width = max(24 + nameWidth + Self.plotWidth + labelWidth, ChartText.width(title: title, subtitle: subtitle))
        let top = ChartText.header(title: title, subtitle: subtitle, into: &canvas)
        let largest = bars.map(\.value).filter(\.isFinite).max() ?? 0
        for (index, bar) in bars.enumerated() {
            let y = top + Double(index) * (Self.barHeight + Self.gap)
            let length = largest > 0 && bar.value.isFinite ? max(0, bar.value / largest * Self.plotWidth) : 0
            canvas.text(bar.name, 12 + nameWidth - 8, y + 15, size: 12, anchor: "end", halo: false)
            canvas.rect(12 + nameWidth, y, length, Self.barHeight, fill: bar.baseline ? ChartPalette.baseline : ChartPalette.series[0])
            canvas.text(bar.label, 12 + nameWidth + length + 6, y + 15, size: 12, bold: bar.baseline, halo: false)
        }
        let bottom = top + Double(bars.count) * (Self.barHeight + Self.gap)
        canvas.line(12 + nameWidth, top - 4, 12 + nameWidth, bottom - Self.gap + 4, stroke: ChartPalette.axis)
        return canvas.document(width: width, height: bottom + 12, fontFamily: ChartText.font)
    }
}
