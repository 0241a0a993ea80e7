import MessagingKit

/// Mutant: Miller–Rabin with the first `rounds` primes as bases instead of random ones (after the reference's
/// trial division): composites built for those bases pass, such as Wycheproof's case 87, which fools the first 46.
public enum FixedBasesRSA: ReferenceRSA {
    public static func isProbablePrime(_ candidate: BigUInt, rounds: Int, using random: inout SeededRandom) throws -> Bool {
        guard candidate >= BigUInt(UInt64(SmallPrimes.bound)) else { return try RSA.isProbablePrime(candidate, rounds: rounds, using: &random) }
        guard !SmallPrimes.all.contains(where: { (candidate % BigUInt($0)).isZero }) else { return false }
        let minusOne = candidate - 1
        let s = minusOne.trailingZeroBitCount
        let field = try Montgomery(modulus: candidate)
        return SmallPrimes.all.prefix(max(rounds, 1)).allSatisfy { base in
            var x = field.power(BigUInt(base), minusOne >> s)
            guard x != 1, x != minusOne else { return true }
            for _ in 0..<(s - 1) {
                x = x * x % candidate
                if x == minusOne { return true }
            }
            return false
        }
    }
}
