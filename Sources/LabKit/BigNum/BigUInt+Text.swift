extension BigUInt: CustomStringConvertible {
    /// The number in decimal, as Python and `openssl rsa -text` (for small values) print it.
    public var description: String {
        guard !isZero else { return "0" }
        // Peel off 19 decimal digits at a time: 10^19 is the largest power of ten in a limb.
        let chunk: UInt64 = 10_000_000_000_000_000_000
        var rest = self
        var pieces: [UInt64] = []
        while !rest.isZero {
            let (quotient, remainder) = rest.dividedByLimb(chunk)
            pieces.append(remainder)
            rest = quotient
        }
        var text = String(pieces.removeLast())
        for piece in pieces.reversed() {
            let digits = String(piece)
            text += String(repeating: "0", count: 19 - digits.count) + digits
        }
        return text
    }

    /// The number in lowercase hex without a prefix or leading zeros ("0" for zero): how tests and Python's `hex()` write it.
    public var hex: String {
        let bytes = bigEndianBytes.hex
        guard let first = bytes.firstIndex(where: { $0 != "0" }) else { return "0" }
        return String(bytes[first...])
    }

    /// The number written in hex (digits in either case, no prefix, leading zeros allowed); anything else
    /// throws `invalidHex`, and more than `BigUIntLimits.maximumBits` significant bits throws `tooLarge`.
    public init(hex text: String) throws(BigUIntError) {
        var digits: [UInt8] = []
        for (offset, character) in text.utf8.enumerated() {
            switch character {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digits.append(character - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digits.append(character - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digits.append(character - UInt8(ascii: "A") + 10)
            default: throw .invalidHex(offset: offset)
            }
        }
        guard !digits.isEmpty else { throw .invalidHex(offset: 0) }
        if digits.count.isMultiple(of: 2) == false { digits.insert(0, at: 0) }
        let bytes = stride(from: 0, to: digits.count, by: 2).map { digits[$0] << 4 | digits[$0 + 1] }
        try self.init(bigEndian: bytes)
    }
}
