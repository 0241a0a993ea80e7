extension String {
    /// This text made safe to print for a person: control characters (line breaks, escape codes, DEL, the C1
    /// range) become visible `\u{…}` escapes, so text from the network can neither forge a line nor drive
    /// the terminal. Everything else, non-ASCII letters included, stays as it is.
    public var escapingControlCharacters: String {
        guard unicodeScalars.contains(where: Self.isControl) else { return self }
        var out = ""
        for scalar in unicodeScalars {
            if Self.isControl(scalar) {
                out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Whether `scalar` is a C0 or C1 control character or DEL.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    /// Whether this text holds a control character (see ``escapingControlCharacters``).
    public var containsControlCharacters: Bool { unicodeScalars.contains(where: Self.isControl) }
}
