extension BigUInt {
    /// The greatest common divisor (Euclid's algorithm); `gcd(0, 0)` is 0.
    public static func gcd(_ a: BigUInt, _ b: BigUInt) -> BigUInt {
        var (a, b) = (a, b)
        while !b.isZero { (a, b) = (b, a % b) }
        return a
    }

    /// The `x` in `0..<modulus` with `self · x ≡ 1 (mod modulus)`, such as RSA's `d = e⁻¹ mod λ(n)`, or nil when
    /// there is none: `self` and `modulus` share a factor, or `modulus` is zero. Modulo 1 every inverse is 0.
    public func inverse(modulo modulus: BigUInt) -> BigUInt? {
        guard !modulus.isZero else { return nil }
        // Extended Euclid on (modulus, self mod modulus), keeping only the coefficient of self. Coefficients
        // alternate in sign, so each is held as a magnitude with the sign of step parity.
        var (remainder, nextRemainder) = (modulus, self % modulus)
        var (coefficient, nextCoefficient): (BigUInt, BigUInt) = (0, 1)
        var nextIsNegative = false
        while !nextRemainder.isZero {
            let (quotient, rest) = remainder.dividedOrStop(by: nextRemainder)
            (remainder, nextRemainder) = (nextRemainder, rest)
            // c' = c - q·n, with c and n of opposite signs: the magnitudes add.
            (coefficient, nextCoefficient) = (nextCoefficient, coefficient + quotient * nextCoefficient)
            nextIsNegative.toggle()
        }
        guard remainder == 1 else { return nil }
        // `coefficient` has the sign opposite to `nextIsNegative`'s coefficient.
        return nextIsNegative ? coefficient % modulus : (modulus - coefficient % modulus) % modulus
    }
}
