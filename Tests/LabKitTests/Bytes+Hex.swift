/// Hex input for known-answer tests, which publish messages, keys and digests as hex.
extension Array where Element == UInt8 {
    /// The bytes spelled by `hex` (two digits a byte, either case); a malformed string traps, as a typo in a test should.
    init(hex: String) {
        let digits = Array(hex.utf8)
        precondition(digits.count.isMultiple(of: 2), "odd number of hex digits in \(hex)")
        self = stride(from: 0, to: digits.count, by: 2).map { index in
            UInt8(String(decoding: digits[index..<index + 2], as: UTF8.self), radix: 16)!
        }
    }
}
