import MessagingKit

/// Key generation for the mutants that change how keys are made: their own primes, their own modulus for d.
enum MutantKey {
    /// A key of `bits` bits from two primes of `prime`, with d the inverse of e modulo `exponentModulus(p, q)`.
    static func generate(bits: Int, using random: inout SeededRandom, prime: (Int, inout SeededRandom) throws -> BigUInt,
                         exponentModulus: (BigUInt, BigUInt) -> BigUInt) throws -> RSAPrivateKey {
        guard RSAParameters.keyBits.contains(bits), bits.isMultiple(of: 2) else { throw RSAError.unsupportedKeySize(bits: bits) }
        let e = RSAParameters.publicExponent
        while true {
            let p = try prime(bits / 2, &random), q = try prime(bits / 2, &random)
            guard p != q, let d = e.inverse(modulo: exponentModulus(p, q)), let qInv = q.inverse(modulo: p) else { continue }
            return try RSAPrivateKey(modulus: p * q, publicExponent: e, privateExponent: d, prime1: p, prime2: q,
                                     exponent1: d % (p - 1), exponent2: d % (q - 1), coefficient: qInv)
        }
    }
}
