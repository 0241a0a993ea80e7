import MessagingKit

extension RSA {
    /// Exercise 2.1 — a random prime of exactly `bits` bits, its two top bits set, with `p - 1` prime to e.
    ///
    /// Draw candidates of `bits` bits (`BigUInt.random(bitCount:using:)` sets the top bit), set the next bit
    /// and make them odd, and keep the first that `isProbablePrime` accepts (20 rounds is plenty for random
    /// candidates) and whose `p - 1` is not a multiple of e (else e would have no inverse). `bits` outside
    /// `RSAParameters.primeBits` throws `RSAError.unsupportedPrimeSize(bits:)`.
    ///
    /// Why two top bits: the product of two such primes of k bits has exactly 2k bits, so a "2048-bit key"
    /// really has a 2048-bit modulus. Tested by `messaging.2.1-random-prime`: sizes, top bits, primality
    /// (checked by the grader's own test, not yours), p - 1 prime to e, two calls giving two primes.
    /// Hint: there is no `|` on `BigUInt`: add `BigUInt(1) << (bits - 2)` when that bit is clear.
    public static func randomPrime(bits: Int, using random: inout SeededRandom) throws -> BigUInt {
        try Exercise.begin("2.1")
        guard RSAParameters.primeBits.contains(bits) else { throw RSAError.unsupportedPrimeSize(bits: bits) }
        while true {
            var candidate = try BigUInt.random(bitCount: bits, using: &random)
            if !candidate.testBit(bits - 2) { candidate += BigUInt(1) << (bits - 2) }
            if !candidate.isOdd { candidate += 1 }
            guard (candidate - 1) % RSAParameters.publicExponent != 0 else { continue }
            if try isProbablePrime(candidate, rounds: 20, using: &random) { return candidate }
        }
        // end exercise 2.1
    }

    /// Exercise 2.2 — a fresh RSA key of `bits` bits: e = `RSAParameters.publicExponent`, p and q two distinct
    /// primes of `bits / 2` bits from `randomPrime`, n = p · q, d = e⁻¹ mod λ(n) where
    /// λ(n) = lcm(p - 1, q - 1), and the CRT values dP = d mod (p - 1), dQ = d mod (q - 1), qInv = q⁻¹ mod p.
    /// `bits` odd or outside `RSAParameters.keyBits` throws `RSAError.unsupportedKeySize(bits:)`.
    ///
    /// Why λ and not φ: both work, but d mod λ is the smallest exponent that does, and what RFC 8017 and FIPS
    /// 186-5 ask for. Tested by `messaging.2.2-keygen` (1,024-bit keys) and `messaging.2.2-keygen-2048`: sizes,
    /// e, p ≠ q both prime (the grader's check), d < λ(n) with e · d ≡ 1 mod λ(n). Hint: `BigUInt.gcd`,
    /// `inverse(modulo:)`, and `RSAPrivateKey(modulus:publicExponent:privateExponent:prime1:prime2:exponent1:exponent2:coefficient:)`,
    /// which checks the numbers fit together.
    public static func generateKey(bits: Int, using random: inout SeededRandom) throws -> RSAPrivateKey {
        try Exercise.begin("2.2")
        guard RSAParameters.keyBits.contains(bits), bits.isMultiple(of: 2) else { throw RSAError.unsupportedKeySize(bits: bits) }
        let e = RSAParameters.publicExponent
        while true {
            let p = try randomPrime(bits: bits / 2, using: &random)
            let q = try randomPrime(bits: bits / 2, using: &random)
            guard p != q else { continue }
            let (pMinus1, qMinus1) = (p - 1, q - 1)
            let lambda = pMinus1 * qMinus1 / BigUInt.gcd(pMinus1, qMinus1)
            guard let d = e.inverse(modulo: lambda), let qInv = q.inverse(modulo: p) else { continue }
            return try RSAPrivateKey(modulus: p * q, publicExponent: e, privateExponent: d, prime1: p, prime2: q,
                                     exponent1: d % pMinus1, exponent2: d % qMinus1, coefficient: qInv)
        }
        // end exercise 2.2
    }
}
