extension BigUInt {
    /// The sum.
    public static func + (lhs: BigUInt, rhs: BigUInt) -> BigUInt {
        let (long, short) = lhs.limbs.count >= rhs.limbs.count ? (lhs.limbs, rhs.limbs) : (rhs.limbs, lhs.limbs)
        var sum = long
        var carry: UInt64 = 0
        for index in sum.indices {
            if index >= short.count && carry == 0 { break }
            let addend = index < short.count ? short[index] : 0
            (sum[index], carry) = addWithCarry(sum[index], addend, carry)
        }
        if carry != 0 { sum.append(carry) }
        return BigUInt(limbs: sum)
    }

    /// Adds `rhs` to `lhs`.
    public static func += (lhs: inout BigUInt, rhs: BigUInt) {
        lhs = lhs + rhs
    }

    /// `lhs - rhs`, which MUST NOT be negative (`lhs ≥ rhs`), or the process stops; for numbers that came from
    /// outside use `subtracting(_:)`, which throws instead.
    public static func - (lhs: BigUInt, rhs: BigUInt) -> BigUInt {
        do {
            return try lhs.subtracting(rhs)
        } catch {
            preconditionFailure("BigUInt subtraction \(lhs.hex) - \(rhs.hex) would be negative")
        }
    }

    /// Subtracts `rhs` from `lhs`, which MUST be at least `rhs` (see `-`).
    public static func -= (lhs: inout BigUInt, rhs: BigUInt) {
        lhs = lhs - rhs
    }

    /// `self - other`, or `BigUIntError.negativeDifference` when `other` is larger: the total form of `-`.
    public func subtracting(_ other: BigUInt) throws(BigUIntError) -> BigUInt {
        guard other <= self else { throw .negativeDifference }
        var difference = limbs
        var borrow: UInt64 = 0
        for index in difference.indices {
            if index >= other.limbs.count && borrow == 0 { break }
            let subtrahend = index < other.limbs.count ? other.limbs[index] : 0
            (difference[index], borrow) = subtractWithBorrow(difference[index], subtrahend, borrow)
        }
        return BigUInt(limbs: difference)
    }

    /// The product (schoolbook: at RSA sizes the modular exponentiation, not this, is where the time goes).
    public static func * (lhs: BigUInt, rhs: BigUInt) -> BigUInt {
        guard !lhs.isZero, !rhs.isZero else { return 0 }
        var product = [UInt64](repeating: 0, count: lhs.limbs.count + rhs.limbs.count)
        product.withUnsafeMutableBufferPointer { out in
            lhs.limbs.withUnsafeBufferPointer { a in
                rhs.limbs.withUnsafeBufferPointer { b in
                    for i in 0..<a.count {
                        var carry: UInt64 = 0
                        for j in 0..<b.count {
                            (carry, out[i + j]) = multiplyAdd(a[i], b[j], out[i + j], carry)
                        }
                        out[i + b.count] = carry
                    }
                }
            }
        }
        return BigUInt(limbs: product)
    }

    /// Multiplies `lhs` by `rhs`.
    public static func *= (lhs: inout BigUInt, rhs: BigUInt) {
        lhs = lhs * rhs
    }
}

/// `a + b + carry` as a word and the carry out (0 or 1).
@inline(__always)
func addWithCarry(_ a: UInt64, _ b: UInt64, _ carry: UInt64) -> (UInt64, UInt64) {
    let (partial, overflow1) = a.addingReportingOverflow(b)
    let (sum, overflow2) = partial.addingReportingOverflow(carry)
    return (sum, (overflow1 ? 1 : 0) &+ (overflow2 ? 1 : 0))
}

/// `a - b - borrow` as a word and the borrow out (0 or 1).
@inline(__always)
func subtractWithBorrow(_ a: UInt64, _ b: UInt64, _ borrow: UInt64) -> (UInt64, UInt64) {
    let (partial, overflow1) = a.subtractingReportingOverflow(b)
    let (difference, overflow2) = partial.subtractingReportingOverflow(borrow)
    return (difference, (overflow1 ? 1 : 0) &+ (overflow2 ? 1 : 0))
}

/// `a · b + c + d` as a high and a low word: it never overflows, since (2⁶⁴-1)² + 2(2⁶⁴-1) = 2¹²⁸-1.
@inline(__always)
func multiplyAdd(_ a: UInt64, _ b: UInt64, _ c: UInt64, _ d: UInt64) -> (high: UInt64, low: UInt64) {
    let (high, low) = a.multipliedFullWidth(by: b)
    let (low1, overflow1) = low.addingReportingOverflow(c)
    let (low2, overflow2) = low1.addingReportingOverflow(d)
    return (high &+ (overflow1 ? 1 : 0) &+ (overflow2 ? 1 : 0), low2)
}
