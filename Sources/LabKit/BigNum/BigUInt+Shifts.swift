extension BigUInt {
    /// `lhs · 2^rhs`; a negative `rhs` shifts right instead, as for the standard integers.
    public static func << (lhs: BigUInt, rhs: Int) -> BigUInt {
        guard rhs >= 0 else { return lhs >> -rhs }
        guard !lhs.isZero, rhs > 0 else { return lhs }
        let limbShift = rhs / 64, bitShift = UInt64(rhs % 64)
        var shifted = [UInt64](repeating: 0, count: lhs.limbs.count + limbShift + 1)
        for (index, limb) in lhs.limbs.enumerated() {
            shifted[index + limbShift] |= limb << bitShift
            if bitShift > 0 { shifted[index + limbShift + 1] = limb >> (64 - bitShift) }
        }
        return BigUInt(limbs: shifted)
    }

    /// `lhs / 2^rhs`, rounded down; a negative `rhs` shifts left instead.
    public static func >> (lhs: BigUInt, rhs: Int) -> BigUInt {
        guard rhs >= 0 else { return lhs << -rhs }
        let limbShift = rhs / 64, bitShift = UInt64(rhs % 64)
        guard limbShift < lhs.limbs.count else { return 0 }
        var shifted = Array(lhs.limbs[limbShift...])
        if bitShift > 0 {
            for index in shifted.indices {
                let above = index + 1 < shifted.count ? shifted[index + 1] << (64 - bitShift) : 0
                shifted[index] = shifted[index] >> bitShift | above
            }
        }
        return BigUInt(limbs: shifted)
    }

    /// Shifts `lhs` left by `rhs` bits.
    public static func <<= (lhs: inout BigUInt, rhs: Int) {
        lhs = lhs << rhs
    }

    /// Shifts `lhs` right by `rhs` bits.
    public static func >>= (lhs: inout BigUInt, rhs: Int) {
        lhs = lhs >> rhs
    }
}
