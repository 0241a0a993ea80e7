import MessagingKit

extension RSA {
    /// Exercise 3.1 — RSAEP: `message^e mod n`, for a message in 0..<n; anything else throws
    /// `RSAError.representativeOutOfRange` (reducing it mod n silently would encrypt another number).
    ///
    /// Tested by `messaging.3.1-public-op`: on fixed keys, random numbers and 0, 1, n - 1 must come out of the
    /// key owner's private operation as they went in, n and above must be refused.
    /// Hint: `power(_:modulo:)` uses Montgomery multiplication; e = 65,537 takes 17 multiplications.
    public static func publicOperation(_ message: BigUInt, key: RSAPublicKey) throws -> BigUInt {
        try Exercise.begin("3.1")
        guard message < key.modulus else { throw RSAError.representativeOutOfRange }
        return try message.power(key.publicExponent, modulo: key.modulus)
        // end exercise 3.1
    }

    /// Exercise 3.2 — RSADP with the Chinese remainder theorem: for a ciphertext c in 0..<n (else
    /// `RSAError.representativeOutOfRange`), m1 = c^dP mod p, m2 = c^dQ mod q, h = qInv · (m1 - m2) mod p,
    /// and m = m2 + h · q.
    ///
    /// Why: two powers with half-size numbers and exponents cost about a quarter of one full `c^d mod n` —
    /// the processing service of phase 2 decrypts every message, and this is where its time goes.
    /// Tested by `messaging.3.2-crt`: on keys with p > q and p < q, every result must equal the plain `c^d mod n`.
    /// Hint: unsigned numbers cannot go below zero: m1 - m2 may be negative, so add a multiple of p first
    /// (m2 is below q, which may be larger than p: reduce it mod p).
    public static func privateOperation(_ ciphertext: BigUInt, key: RSAPrivateKey) throws -> BigUInt {
        try Exercise.begin("3.2")
        guard ciphertext < key.modulus else { throw RSAError.representativeOutOfRange }
        let (p, q) = (key.prime1, key.prime2)
        let m1 = try ciphertext.power(key.exponent1, modulo: p)
        let m2 = try ciphertext.power(key.exponent2, modulo: q)
        let h = key.coefficient * (m1 + p - m2 % p) % p
        return m2 + h * q
        // end exercise 3.2
    }
}
