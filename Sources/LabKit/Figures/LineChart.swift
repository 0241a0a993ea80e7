/// A line chart as a standalone SVG: how a figure changes with a size (a file size, a history length), one
/// line per series, each point labelled with the value it was drawn from. Sizes are spaced evenly, in order.
/// ```swift
/// LineChart(title: "Peak memory", xTitle: "file size", yTitle: "MiB", xLabels: ["1 GiB", "4 GiB"],
///           series: [.init("downloader", values: [42, 43], labels: ["42 MiB", "43 MiB"])]).render()
/// ```
public struct LineChart: Sendable, Equatable {
    /// One line: a value (and its printed label) per size.
    public struct Series: Sendable, Equatable {
        public let name: String
        public let values: [Double]
        public let labels: [String]

        public init(_ name: String, values: [Double], labels: [String]) {
            precondition(values.count == labels.count, "one label per value")
            self.name = name
            self.values = values
            self.labels = labels
        }
    }

    public var title: String
    public var xTitle: String
    public var yTitle: String
    /// The sizes, in order, as printed under the axis.
    public var xLabels: [String]
    public var series: [Series]

    public init(title: String, xTitle: String, yTitle: String, xLabels: [String], series: [Series]) {
        self.title = title
        self.xTitle = xTitle
        self.yTitle = yTitle
        self.xLabels = xLabels
        self.series = series
    }

    static let plotWidth = 460.0, plotHeight = 220.0, left = 78.0

    /// The SVG document: the y axis starts at 0, with four grid lines at round values.
    public func render() -> String {
        var canvas = SVGCanvas()
        let top = ChartText.header(title: title, subtitle: "", into: &canvas) + 16
        let largest = series.flatMap(\.values).filter(\.isFinite).max() ?? 0
        let step = Self.step(covering: largest, parts: 4)
        let bottom = top + Self.plotHeight
        let y = { (value: Double) in bottom - value / (step * 4) * Self.plotHeight }
        for tick in 0...4 {
            let value = Double(tick) * step
            canvas.line(Self.left, y(value), Self.left + Self.plotWidth, y(value), stroke: tick == 0 ? ChartPalette.axis : ChartPalette.grid)
            canvas.text(Self.tickLabel(value, step: step), Self.left - 8, y(value) + 4, size: 11, anchor: "end", halo: false)
        }
        canvas.text(yTitle, 12, top - 12, size: 11, fill: "#555555", halo: false)
        let x = { (index: Int) in Self.left + 40 + Double(index) * (Self.plotWidth - 80) / Double(max(self.xLabels.count - 1, 1)) }
        for (index, label) in xLabels.enumerated() {
            canvas.line(x(index), bottom, x(index), bottom + 5, stroke: ChartPalette.axis)
            canvas.text(label, x(index), bottom + 20, size: 11, anchor: "middle", halo: false)
        }
        canvas.text(xTitle, Self.left + Self.plotWidth / 2, bottom + 40, size: 11, fill: "#555555", anchor: "middle", halo: false)
        for (number, line) in series.enumerated() {
            let color = ChartPalette.series[number % ChartPalette.series.count]
            let points = line.values.prefix(xLabels.count).enumerated().filter { $0.element.isFinite }.map { (x($0.offset), y($0.element)) }
            canvas.polyline(points, stroke: color, width: 2.5)
            for (index, point) in points.enumerated() {
                canvas.circle(point.0, point.1, radius: 4, fill: color)
                canvas.text(line.labels[index], point.0 + 8, point.1 + (number % 2 == 0 ? -8 : 16), size: 11, fill: color)  // alternate above and below
            }
            canvas.rect(Self.left + Self.plotWidth + 20, top + Double(number) * 20, 14, 4, fill: color)
            canvas.text(line.name, Self.left + Self.plotWidth + 40, top + Double(number) * 20 + 6, size: 11, halo: false)
        }
        let legendWidth = Double(series.map(\.name.count).max() ?? 0) * 7 + 60
        let width = max(Self.left + Self.plotWidth + legendWidth, ChartText.width(title: title, subtitle: ""))
        return canvas.document(width: width, height: bottom + 56, fontFamily: ChartText.font)
    }

    /// A round step (1, 2, 2.5 or 5 times a power of ten) such that `parts` steps reach `value`.
    static func step(covering value: Double, parts: Int) -> Double {
        guard value > 0, value.isFinite else { return 1 }
        var magnitude = 1.0
        while magnitude * 10 <= value / Double(parts) { magnitude *= 10 }
        while magnitude > value / Double(parts) { magnitude /= 10 }
        return [1, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 * Double(parts) >= value } ?? magnitude * 10
    }

    /// A tick value with as many decimals as the step needs (0, 0.25, 0.5 …; 0, 2,000, 4,000 …).
    static func tickLabel(_ value: Double, step: Double) -> String {
        let decimals = step >= 1 ? 0 : step >= 0.1 ? (step * 10).rounded() == step * 10 ? 1 : 2 : 3
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = Int((value * scale).rounded())
        let whole = String(scaled / Int(scale))
        let grouped = whole.count > 4 ? String(whole.reversed().enumerated().map { $0.offset > 0 && $0.offset % 3 == 0 ? [",", $0.element] : [$0.element] }.joined().reversed()) : whole
        guard decimals > 0 else { return grouped }
        let fraction = String(scaled % Int(scale))
        return grouped + "." + String(repeating: "0", count: decimals - fraction.count) + fraction
    }
}
