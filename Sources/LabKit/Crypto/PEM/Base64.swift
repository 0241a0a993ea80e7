/// Base64 (RFC 4648, the standard alphabet with `=` padding): the text inside PEM armor.
enum Base64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// `bytes` as base64 text, padded to a multiple of 4 characters.
    static func encode(_ bytes: [UInt8]) -> [UInt8] {
        var text: [UInt8] = []
        text.reserveCapacity((bytes.count + 2) / 3 * 4)
        for start in stride(from: 0, to: bytes.count, by: 3) {
            let group = bytes[start..<min(start + 3, bytes.count)]
            let word = group.enumerated().reduce(UInt32(0)) { $0 | UInt32($1.element) << UInt32(16 - 8 * $1.offset) }
            for index in 0..<4 {
                text.append(index <= group.count ? alphabet[Int(word >> UInt32(18 - 6 * index) & 0x3F)] : UInt8(ascii: "="))
            }
        }
        return text
    }

    /// The bytes that base64 `text` spells, or nil unless it is canonical: a multiple of 4 characters from the
    /// alphabet, `=` only as the last one or two, and no stray bits under the padding.
    static func decode(_ text: [UInt8]) -> [UInt8]? {
        guard text.count.isMultiple(of: 4) else { return nil }
        let padding = text.reversed().prefix { $0 == UInt8(ascii: "=") }.count
        guard padding <= 2 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.count / 4 * 3)
        var word: UInt32 = 0
        for (index, character) in text.dropLast(padding).enumerated() {
            guard let value = sextet(character) else { return nil }
            word = word << 6 | UInt32(value)
            if index % 4 == 3 {
                bytes += [UInt8(truncatingIfNeeded: word >> 16), UInt8(truncatingIfNeeded: word >> 8), UInt8(truncatingIfNeeded: word)]
                word = 0
            }
        }
        switch padding {
        case 1:
            guard word & 0x3 == 0 else { return nil }
            bytes += [UInt8(truncatingIfNeeded: word >> 10), UInt8(truncatingIfNeeded: word >> 2)]
        case 2:
            guard word & 0xF == 0 else { return nil }
            bytes.append(UInt8(truncatingIfNeeded: word >> 4))
        default:
            break
        }
        return bytes
    }

    /// The value of one base64 character, or nil for anything outside the alphabet.
    private static func sextet(_ character: UInt8) -> UInt8? {
        switch character {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): character - UInt8(ascii: "A")
        case UInt8(ascii: "a")...UInt8(ascii: "z"): character - UInt8(ascii: "a") + 26
        case UInt8(ascii: "0")...UInt8(ascii: "9"): character - UInt8(ascii: "0") + 52
        case UInt8(ascii: "+"): 62
        case UInt8(ascii: "/"): 63
        default: nil
        }
    }
}
