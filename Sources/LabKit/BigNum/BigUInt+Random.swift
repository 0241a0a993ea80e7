extension BigUInt {
    /// A number drawn uniformly from `0..<bound` with `generator`, by rejection sampling (on average fewer
    /// than two draws); a zero `bound` throws `emptyRange`. Pass a `SeededRandom` to make a test replay.
    public static func random(below bound: BigUInt, using generator: inout some RandomNumberGenerator) throws(BigUIntError) -> BigUInt {
        guard !bound.isZero else { throw .emptyRange }
        let bits = (bound - 1).bitLength
        while true {
            let candidate = BigUInt(limbs: randomLimbs(bits, using: &generator))
            if candidate < bound { return candidate }
        }
    }

    /// A number of exactly `bitCount` bits (its top bit set, the rest uniform), such as a candidate RSA prime;
    /// a count outside 1…`BigUIntLimits.maximumBits` throws `invalidBitCount`.
    public static func random(bitCount: Int, using generator: inout some RandomNumberGenerator) throws(BigUIntError) -> BigUInt {
        guard (1...BigUIntLimits.maximumBits).contains(bitCount) else {
            throw .invalidBitCount(bitCount, limit: BigUIntLimits.maximumBits)
        }
        var limbs = randomLimbs(bitCount, using: &generator)
        limbs[(bitCount - 1) / 64] |= 1 << UInt64((bitCount - 1) % 64)
        return BigUInt(limbs: limbs)
    }

    /// The limbs of a number below `2^bits`, every bit uniform; the top limbs may be zero.
    private static func randomLimbs(_ bits: Int, using generator: inout some RandomNumberGenerator) -> [UInt64] {
        var limbs = (0..<(bits + 63) / 64).map { _ in generator.next() as UInt64 }
        if bits % 64 != 0 { limbs[limbs.count - 1] &= (1 << UInt64(bits % 64)) - 1 }
        return limbs
    }
}
