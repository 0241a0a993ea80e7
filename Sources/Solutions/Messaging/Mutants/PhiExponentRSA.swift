import MessagingKit

/// Mutant: d = e⁻¹ mod φ(n) = (p - 1)(q - 1) instead of mod λ(n): it decrypts, but d is larger than RFC 8017
/// and FIPS 186-5 allow (d < λ(n)).
public enum PhiExponentRSA: ReferenceRSA {
    public static func generateKey(bits: Int, using random: inout SeededRandom) throws -> RSAPrivateKey {
        try MutantKey.generate(bits: bits, using: &random, prime: RSA.randomPrime) { p, q in (p - 1) * (q - 1) }
    }
}
