/// The fonts, colors and heading shared by the report's charts and diagrams.
enum ChartText {
    static let font = "DejaVu Sans, Helvetica, Arial, sans-serif"

    /// How wide a drawing must be for its title (15 px bold) and subtitle (11 px) to fit.
    static func width(title: String, subtitle: String) -> Double {
        max(Double(title.count) * 9.2, Double(subtitle.count) * 6.4) + 24
    }

    /// Draws the title (and subtitle) at the top; returns where the chart below them begins.
    static func header(title: String, subtitle: String, into canvas: inout SVGCanvas) -> Double {
        canvas.text(title, 12, 24, size: 15, bold: true, halo: false)
        guard !subtitle.isEmpty else { return 42 }
        canvas.text(subtitle, 12, 42, size: 11, fill: "#555555", halo: false)
        return 58
    }
}

/// The colors of the report's charts: series colors that stay apart in print, grey for the baseline.
enum ChartPalette {
    static let series = ["#1a5fb4", "#c64600", "#26a269", "#813d9c"]
    static let baseline = "#9a9a9a"
    static let axis = "#555555"
    static let grid = "#e6e6e6"
}
