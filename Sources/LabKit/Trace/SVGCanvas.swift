#if canImport(Glibc)
import Glibc  // Links libm on Linux: `rounded()` and `squareRoot()` call into it in debug builds.
#elseif canImport(Darwin)
import Darwin
#endif

/// Collects SVG elements as text, with numbers and strings written the same way on every platform.
///
/// Coordinates are rounded to a tenth of a pixel and printed without locale or floating-point noise, and
/// every string is escaped, so identical drawings give identical bytes.
struct SVGCanvas {
    /// The elements drawn so far, one per line.
    private(set) var body = ""

    /// Appends raw markup (already escaped).
    mutating func raw(_ markup: String) {
        body.append(markup)
        body.append("\n")
    }

    mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String, width: Double = 1,
                       dash: String? = nil, extra: String = "") {
        let dashed = dash.map { " stroke-dasharray=\"\($0)\"" } ?? ""
        raw("<line x1=\"\(n(x1))\" y1=\"\(n(y1))\" x2=\"\(n(x2))\" y2=\"\(n(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(n(width))\"\(dashed)\(extra)/>")
    }

    mutating func rect(_ x: Double, _ y: Double, _ width: Double, _ height: Double, fill: String, extra: String = "") {
        raw("<rect x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(width))\" height=\"\(n(height))\" fill=\"\(fill)\"\(extra)/>")
    }

    mutating func circle(_ x: Double, _ y: Double, radius: Double, fill: String, stroke: String = "none") {
        raw("<circle cx=\"\(n(x))\" cy=\"\(n(y))\" r=\"\(n(radius))\" fill=\"\(fill)\" stroke=\"\(stroke)\" stroke-width=\"1.5\"/>")
    }

    mutating func polygon(_ points: [(Double, Double)], fill: String) {
        let list = points.map { "\(n($0.0)),\(n($0.1))" }.joined(separator: " ")
        raw("<polygon points=\"\(list)\" fill=\"\(fill)\"/>")
    }

    mutating func polyline(_ points: [(Double, Double)], stroke: String, width: Double = 1, dash: String? = nil) {
        let list = points.map { "\(n($0.0)),\(n($0.1))" }.joined(separator: " ")
        let dashed = dash.map { " stroke-dasharray=\"\($0)\"" } ?? ""
        raw("<polyline points=\"\(list)\" fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"\(n(width))\"\(dashed)/>")
    }

    /// A red ✕ drawn with two strokes, so it does not depend on the viewer's fonts.
    mutating func cross(_ x: Double, _ y: Double, size: Double, color: String) {
        line(x - size, y - size, x + size, y + size, stroke: color, width: 2.2)
        line(x - size, y + size, x + size, y - size, stroke: color, width: 2.2)
    }

    /// Text whose baseline sits at `y`; `halo` paints a white outline under it so it stays legible over lines.
    mutating func text(_ string: String, _ x: Double, _ y: Double, size: Double = 10, fill: String = "#222",
                       anchor: String = "start", bold: Bool = false, italic: Bool = false, halo: Bool = true,
                       extra: String = "") {
        var attributes = "x=\"\(n(x))\" y=\"\(n(y))\" font-size=\"\(n(size))\" fill=\"\(fill)\""
        if anchor != "start" { attributes += " text-anchor=\"\(anchor)\"" }
        if bold { attributes += " font-weight=\"bold\"" }
        if italic { attributes += " font-style=\"italic\"" }
        if halo { attributes += " stroke=\"#ffffff\" stroke-width=\"3\" stroke-linejoin=\"round\" paint-order=\"stroke\"" }
        raw("<text \(attributes)\(extra)>\(Self.escape(string))</text>")
    }

    /// A complete standalone document around everything drawn.
    func document(width: Double, height: Double, fontFamily: String) -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(n(width))\" height=\"\(n(height))\" "
            + "viewBox=\"0 0 \(n(width)) \(n(height))\" font-family=\"\(Self.escape(fontFamily))\">\n"
            + "<rect x=\"0\" y=\"0\" width=\"\(n(width))\" height=\"\(n(height))\" fill=\"#ffffff\"/>\n"
            + body
            + "</svg>\n"
    }

    /// `value` rounded to a tenth, written like `12`, `12.5` or `-0.3`.
    func n(_ value: Double) -> String { Self.number(value) }

    static func number(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        let sign = tenths < 0 ? "-" : ""
        let whole = tenths.magnitude / 10, fraction = tenths.magnitude % 10
        return fraction == 0 ? "\(sign)\(whole)" : "\(sign)\(whole).\(fraction)"
    }

    /// `text` made safe for XML character data and attribute values: markup characters become entities,
    /// control characters become their visible Unicode pictures (NUL → ␀, newline → ␊), which XML cannot hold.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out.append("&amp;")
            case "<": out.append("&lt;")
            case ">": out.append("&gt;")
            case "\"": out.append("&quot;")
            case "'": out.append("&apos;")
            case _ where scalar.value < 0x20: out.unicodeScalars.append(Unicode.Scalar(0x2400 + scalar.value)!)
            case "\u{7F}": out.append("\u{2421}")
            case "\u{FFFE}", "\u{FFFF}": out.append("\u{FFFD}")
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// `text` cut to at most `limit` characters, ending in `…` when cut.
    static func truncate(_ text: String, to limit: Int) -> String {
        guard text.count > limit else { return text }
        return String(text.prefix(max(limit - 1, 0))) + "…"
    }
}
