/// PEM armor (RFC 7468): DER bytes as base64 between "-----BEGIN label-----" and "-----END label-----"
/// lines, the form keys take in files and in `openssl` output.
///
/// ```swift
/// let text = PEM.encode(der, label: "PUBLIC KEY")
/// let (label, sameDER) = try PEM.decode(text)
/// ```
public enum PEM {
    /// The longest text accepted: 128 KiB, several times the PEM of a 16,384-bit RSA private key.
    public static let maximumTextLength = 131_072

    /// `der` armored under `label`, in base64 lines of 64 characters, ending with a newline.
    public static func encode(_ der: [UInt8], label: String) -> String {
        let base64 = Base64.encode(der)
        var lines = ["-----BEGIN \(label)-----"]
        for start in stride(from: 0, to: base64.count, by: 64) {
            lines.append(String(decoding: base64[start..<min(start + 64, base64.count)], as: UTF8.self))
        }
        lines.append("-----END \(label)-----")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The label and DER bytes of the first armor in `text`. Explanatory text before the BEGIN line is skipped
    /// (RFC 7468 allows it; `openssl rsa -text` writes some); only whitespace may follow the END line.
    public static func decode(_ text: String) throws(PEMError) -> (label: String, der: [UInt8]) {
        let bytes = Array(text.utf8)
        guard bytes.count <= maximumTextLength else { throw .textTooLarge(length: bytes.count, limit: maximumTextLength) }
        let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(trimmed)
        guard let begin = lines.firstIndex(where: { armorLabel($0, "BEGIN") != nil }), let label = armorLabel(lines[begin], "BEGIN") else {
            throw .missingBeginLine
        }
        guard let end = lines[(begin + 1)...].firstIndex(where: { armorLabel($0, "END") != nil }) else {
            throw .missingEndLine(label: label)
        }
        if let endLabel = armorLabel(lines[end], "END"), endLabel != label { throw .mismatchedEndLine(begin: label, end: endLabel) }
        if let extra = lines[(end + 1)...].firstIndex(where: { !$0.isEmpty }) { throw .textAfterEndLine(line: extra + 1) }
        var base64: [UInt8] = []
        for index in (begin + 1)..<end {
            guard lines[index].allSatisfy(isBase64Character) else { throw .invalidBase64(line: index + 1) }
            base64 += lines[index]
        }
        guard let der = Base64.decode(base64) else { throw .invalidBase64(line: end + 1) }
        return (label, der)
    }

    /// The label of `line` if it is "-----BEGIN label-----" (or END, per `keyword`) with a non-empty label.
    private static func armorLabel(_ line: ArraySlice<UInt8>, _ keyword: String) -> String? {
        let prefix = Array("-----\(keyword) ".utf8), suffix = Array("-----".utf8)
        guard line.count > prefix.count + suffix.count, line.starts(with: prefix), line.reversed().starts(with: suffix) else { return nil }
        return String(decoding: line.dropFirst(prefix.count).dropLast(suffix.count), as: UTF8.self)
    }

    /// `line` without spaces, tabs and the carriage return of a CRLF line ending at either end.
    private static func trimmed(_ line: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        let isSpace = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r") }
        guard let first = line.firstIndex(where: { !isSpace($0) }), let last = line.lastIndex(where: { !isSpace($0) }) else { return [] }
        return line[first...last]
    }

    /// Whether `character` may appear in a line of base64 (the alphabet or padding).
    private static func isBase64Character(_ character: UInt8) -> Bool {
        switch character {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "+"), UInt8(ascii: "/"), UInt8(ascii: "="):
            true
        default:
            false
        }
    }
}
