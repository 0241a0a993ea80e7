/// A Markdown table: a header row and rows of cells, with `|` and line breaks in cells made harmless.
struct MarkdownTable {
    let header: [String]
    var rows: [[String]] = []

    init(_ header: [String]) { self.header = header }

    mutating func add(_ cells: String...) { rows.append(cells) }
    mutating func add(_ cells: [String]) { rows.append(cells) }

    var text: String {
        ([header, header.map { _ in "---" }] + rows).map { cells in
            "| " + cells.map(Self.cell).joined(separator: " | ") + " |"
        }.joined(separator: "\n")
    }

    /// `text` safe inside a table cell.
    static func cell(_ text: String) -> String {
        text.escapingControlCharacters.replacingOccurrences(of: "|", with: "\\|")
    }
}
