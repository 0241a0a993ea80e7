extension Array where Element == UInt8 {
    /// The bytes spelled by `hex`, two digits a byte: how recorded datagrams are written down. A malformed string
    /// traps, as a typo in a recorded vector should.
    init(hexDigits hex: String) {
        let digits = Array(hex.utf8)
        precondition(digits.count.isMultiple(of: 2), "odd number of hex digits in a recorded vector: \(hex)")
        self = stride(from: 0, to: digits.count, by: 2).map { index in
            guard let byte = UInt8(String(decoding: digits[index..<index + 2], as: UTF8.self), radix: 16) else {
                preconditionFailure("not hex in a recorded vector: \(hex)")
            }
            return byte
        }
    }
}
