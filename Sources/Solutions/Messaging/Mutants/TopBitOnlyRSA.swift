import MessagingKit

/// Mutant: primes with only their top bit forced, so the product of two k-bit primes has 2k - 1 bits about
/// four times in ten: a "1024-bit key" with a 1023-bit modulus.
public enum TopBitOnlyRSA: ReferenceRSA {
    public static func randomPrime(bits: Int, using random: inout SeededRandom) throws -> BigUInt {
        guard RSAParameters.primeBits.contains(bits) else { throw RSAError.unsupportedPrimeSize(bits: bits) }
        while true {
            var candidate = try BigUInt.random(bitCount: bits, using: &random)
            if !candidate.isOdd { candidate += 1 }
            if (candidate - 1) % RSAParameters.publicExponent != 0, try RSA.isProbablePrime(candidate, rounds: 20, using: &random) { return candidate }
        }
    }

    public static func generateKey(bits: Int, using random: inout SeededRandom) throws -> RSAPrivateKey {
        try MutantKey.generate(bits: bits, using: &random, prime: randomPrime) { p, q in (p - 1) * (q - 1) / BigUInt.gcd(p - 1, q - 1) }
    }
}
