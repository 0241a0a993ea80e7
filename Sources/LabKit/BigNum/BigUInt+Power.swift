extension BigUInt {
    /// `self^exponent mod modulus`, as RSA encrypts, decrypts and signs; a zero modulus throws `divisionByZero`.
    ///
    /// An odd modulus (every RSA modulus and prime) takes Montgomery multiplication with a sliding window; an even
    /// one falls back to square-and-multiply with a division after each step, correct but several times slower.
    /// To reuse one odd modulus many times, make a `Montgomery` once.
    public func power(_ exponent: BigUInt, modulo modulus: BigUInt) throws(BigUIntError) -> BigUInt {
        guard !modulus.isZero else { throw .divisionByZero }
        if modulus.isOdd { return Montgomery(oddModulus: modulus).power(self, exponent) }
        return plainPower(exponent, modulo: modulus)
    }

    /// `self^exponent mod modulus` by left-to-right square-and-multiply with a division after each step: the
    /// path for even moduli, and the independent reference that tests check Montgomery against. `modulus` MUST NOT be zero.
    package func plainPower(_ exponent: BigUInt, modulo modulus: BigUInt) -> BigUInt {
        var result = BigUInt(1) % modulus
        let base = self % modulus
        for bit in stride(from: exponent.bitLength - 1, through: 0, by: -1) {
            result = result * result % modulus
            if exponent.testBit(bit) { result = result * base % modulus }
        }
        return result
    }
}
