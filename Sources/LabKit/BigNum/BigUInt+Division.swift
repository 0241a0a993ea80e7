extension BigUInt {
    /// The quotient and remainder of `self / divisor` (Knuth's algorithm D), or `BigUIntError.divisionByZero`.
    public func quotientAndRemainder(dividingBy divisor: BigUInt) throws(BigUIntError) -> (quotient: BigUInt, remainder: BigUInt) {
        guard let top = divisor.limbs.last else { throw .divisionByZero }
        if self < divisor { return (0, self) }
        if divisor.limbs.count == 1 {
            let (quotient, remainder) = dividedByLimb(top)
            return (quotient, BigUInt(remainder))
        }
        return dividedByLongDivisor(divisor)
    }

    /// `lhs / rhs` rounded down; `rhs` MUST NOT be zero, or the process stops (`quotientAndRemainder` throws instead).
    public static func / (lhs: BigUInt, rhs: BigUInt) -> BigUInt {
        lhs.dividedOrStop(by: rhs).quotient
    }

    /// `lhs mod rhs`; `rhs` MUST NOT be zero, or the process stops (`quotientAndRemainder` throws instead).
    public static func % (lhs: BigUInt, rhs: BigUInt) -> BigUInt {
        lhs.dividedOrStop(by: rhs).remainder
    }

    /// Divides `lhs` by `rhs`, which MUST NOT be zero.
    public static func /= (lhs: inout BigUInt, rhs: BigUInt) {
        lhs = lhs / rhs
    }

    /// Reduces `lhs` modulo `rhs`, which MUST NOT be zero.
    public static func %= (lhs: inout BigUInt, rhs: BigUInt) {
        lhs = lhs % rhs
    }

    /// The division for callers that know the divisor is not zero; a zero one stops the process, as Int's does.
    func dividedOrStop(by divisor: BigUInt) -> (quotient: BigUInt, remainder: BigUInt) {
        do {
            return try quotientAndRemainder(dividingBy: divisor)
        } catch {
            preconditionFailure("BigUInt division of \(hex) by zero")
        }
    }

    /// The quotient and remainder by a one-limb, non-zero `divisor`: short division, one limb at a time from the top.
    func dividedByLimb(_ divisor: UInt64) -> (quotient: BigUInt, remainder: UInt64) {
        var quotient = [UInt64](repeating: 0, count: limbs.count)
        var remainder: UInt64 = 0
        for index in limbs.indices.reversed() {
            // remainder < divisor, so the quotient fits in one limb.
            (quotient[index], remainder) = divisor.dividingFullWidth((remainder, limbs[index]))
        }
        return (BigUInt(limbs: quotient), remainder)
    }

    /// Knuth's algorithm D (TAOCP vol. 2, 4.3.1) for a divisor of two or more limbs, not larger than `self`.
    private func dividedByLongDivisor(_ divisor: BigUInt) -> (quotient: BigUInt, remainder: BigUInt) {
        // D1: normalize, so that the divisor's top bit is set and each quotient digit estimate is off by at most 2.
        let shift = divisor.limbs.last!.leadingZeroBitCount
        let v = (divisor << shift).limbs
        var u = (self << shift).limbs
        if u.count == limbs.count { u.append(0) }
        let n = v.count, m = u.count - n
        let vTop = v[n - 1], vNext = v[n - 2]
        var quotient = [UInt64](repeating: 0, count: m)
        for j in stride(from: m - 1, through: 0, by: -1) {
            // D3: estimate the digit from the top two limbs of the current remainder and the top limb of v.
            var estimate: UInt64, estimateRemainder: UInt64, remainderOverflowed = false
            if u[j + n] >= vTop {
                estimate = .max
                (estimateRemainder, remainderOverflowed) = u[j + n - 1].addingReportingOverflow(vTop)
            } else {
                (estimate, estimateRemainder) = vTop.dividingFullWidth((u[j + n], u[j + n - 1]))
            }
            while !remainderOverflowed {
                let product = estimate.multipliedFullWidth(by: vNext)
                guard product.high > estimateRemainder || (product.high == estimateRemainder && product.low > u[j + n - 2]) else { break }
                estimate -= 1
                (estimateRemainder, remainderOverflowed) = estimateRemainder.addingReportingOverflow(vTop)
            }
            // D4: subtract estimate · v from the remainder's window.
            var carry: UInt64 = 0, borrow: UInt64 = 0
            for i in 0..<n {
                let product = multiplyAdd(estimate, v[i], carry, 0)
                carry = product.high
                (u[i + j], borrow) = subtractWithBorrow(u[i + j], product.low, borrow)
            }
            (u[j + n], borrow) = subtractWithBorrow(u[j + n], carry, borrow)
            // D6: the estimate was one too large (rare): add v back.
            if borrow != 0 {
                estimate -= 1
                var addCarry: UInt64 = 0
                for i in 0..<n {
                    (u[i + j], addCarry) = addWithCarry(u[i + j], v[i], addCarry)
                }
                u[j + n] &+= addCarry
            }
            quotient[j] = estimate
        }
        // D8: the remainder is the low n limbs, shifted back.
        return (BigUInt(limbs: quotient), BigUInt(limbs: Array(u[0..<n])) >> shift)
    }
}
