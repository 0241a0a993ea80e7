/// A report template: Markdown with `{{name}}` placeholders that the kit fills. Unknown names are an error,
/// so a typo in an instructor's edit is caught, not printed.
struct ReportTemplate {
    let text: String
    /// Where the template came from, for errors.
    let file: String

    /// The template with every placeholder replaced by `values[name]`.
    func fill(_ values: [String: String]) throws(ReportError) -> String {
        var out = ""
        var rest = text[...]
        while let open = rest.range(of: "{{") {
            out += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].range(of: "}}") else { break }
            let name = String(rest[open.upperBound..<close.lowerBound]).trimmingCharacters(in: .whitespaces)
            guard let value = values[name] else { throw .unknownPlaceholder(name: name, file: file) }
            out += value
            rest = rest[close.upperBound...]
        }
        return out + rest
    }
}
