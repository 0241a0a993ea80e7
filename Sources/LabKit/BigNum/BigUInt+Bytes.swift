extension BigUInt {
    /// The number whose big-endian bytes are `bytes` (leading zero bytes allowed; no bytes is zero), as RSA's
    /// OS2IP reads a message; more than `BigUIntLimits.maximumBits` significant bits throws `tooLarge`.
    public init(bigEndian bytes: some Collection<UInt8>) throws(BigUIntError) {
        let bits = Self.bitLength(ofBigEndian: bytes)
        guard bits <= BigUIntLimits.maximumBits else { throw .tooLarge(bits: bits, limit: BigUIntLimits.maximumBits) }
        self.init(unboundedBigEndian: bytes)
    }

    /// The number whose big-endian bytes are `bytes`, of any size: for callers that have bounded it themselves.
    package init(unboundedBigEndian bytes: some Collection<UInt8>) {
        let significant = bytes.drop { $0 == 0 }
        var limbs = [UInt64](repeating: 0, count: (significant.count + 7) / 8)
        for (position, byte) in significant.reversed().enumerated() {
            limbs[position / 8] |= UInt64(byte) << UInt64(8 * (position % 8))
        }
        self.init(limbs: limbs)
    }

    /// The bit length of the number whose big-endian bytes are `bytes`, found without building it.
    package static func bitLength(ofBigEndian bytes: some Collection<UInt8>) -> Int {
        let significant = bytes.drop { $0 == 0 }
        return significant.first.map { significant.count * 8 - $0.leadingZeroBitCount } ?? 0
    }

    /// The number in as few big-endian bytes as hold it: none for zero.
    public var bigEndianBytes: [UInt8] {
        let count = (bitLength + 7) / 8
        return (0..<count).reversed().map { byte($0) }
    }

    /// The number in exactly `width` big-endian bytes, zeros in front, as RSA's I2OSP writes a ciphertext;
    /// a number that needs more than `width` bytes throws `doesNotFit`.
    public func bigEndianBytes(width: Int) throws(BigUIntError) -> [UInt8] {
        let needed = (bitLength + 7) / 8
        guard needed <= width else { throw .doesNotFit(bytes: needed, width: width) }
        return (0..<width).reversed().map { byte($0) }
    }

    /// Byte `index` of the number, 0 the least significant; zero beyond the number.
    private func byte(_ index: Int) -> UInt8 {
        index / 8 < limbs.count ? UInt8(truncatingIfNeeded: limbs[index / 8] >> UInt64(8 * (index % 8))) : 0
    }
}
