import MessagingKit

/// Mutant: trial division that calls every number with a small prime factor composite — the small primes
/// themselves included.
public enum SmallPrimeBlindRSA: ReferenceRSA {
    public static func isProbablePrime(_ candidate: BigUInt, rounds: Int, using random: inout SeededRandom) throws -> Bool {
        guard !SmallPrimes.all.contains(where: { (candidate % BigUInt($0)).isZero }) else { return false }
        return try RSA.isProbablePrime(candidate, rounds: rounds, using: &random)
    }
}
