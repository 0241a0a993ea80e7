import MessagingKit

extension RSA {
    /// Exercise 1.1 — whether `candidate` is prime, with at most a 4^-rounds chance of calling a composite prime.
    ///
    /// 1. Trial division: 0 and 1 are not prime; a number in ``SmallPrimes/all`` is; a multiple of one is not.
    /// 2. Miller–Rabin: write `candidate - 1 = 2^s · d` with d odd. For each of `rounds` rounds, draw a base a
    ///    in 2…candidate - 2 from `random` and compute x = a^d mod candidate; unless x is 1 or candidate - 1,
    ///    square x up to s - 1 times looking for candidate - 1: not found, the candidate is composite.
    ///
    /// Why random bases: for every fixed list of bases there are composites that pass them all, and people
    /// build them on purpose (Wycheproof's file has one that passes the first 46 primes). With random bases a
    /// composite passes a round with probability at most 1/4, whoever chose it.
    /// Tested by `messaging.1.1-small-numbers` (every number below 4,096) and `messaging.1.1-wycheproof-primality`
    /// (Wycheproof's 304 non-negative cases: Carmichael numbers, strong pseudoprimes to fixed bases, primes up to
    /// 2,816 bits). Hint: `Montgomery(modulus: candidate)` once, then `field.power(a, d)` for each base;
    /// `BigUInt.random(below:using:)` draws a base; `trailingZeroBitCount` gives s.
    public static func isProbablePrime(_ candidate: BigUInt, rounds: Int, using random: inout SeededRandom) throws -> Bool {
        try Exercise.begin("1.1")
        if candidate < BigUInt(UInt64(SmallPrimes.bound)) { return SmallPrimes.all.contains(word(candidate)) }
        for group in trialGroups {
            let remainder = word(candidate % BigUInt(group.product))
            if group.primes.contains(where: { remainder % $0 == 0 }) { return false }
        }
        let minusOne = candidate - 1
        let s = minusOne.trailingZeroBitCount
        let d = minusOne >> s
        let field = try Montgomery(modulus: candidate)
        for _ in 0..<max(rounds, 1) {
            let base = try BigUInt.random(below: candidate - 3, using: &random) + 2
            var x = field.power(base, d)
            if x == 1 || x == minusOne { continue }
            var witnessed = true
            for _ in 0..<(s - 1) where witnessed {
                x = x * x % candidate
                if x == minusOne { witnessed = false }
            }
            if witnessed { return false }
        }
        return true
        // end exercise 1.1
    }

    /// `number`, which MUST be below 2⁶⁴, as a machine word.
    static func word(_ number: BigUInt) -> UInt64 {
        number.bigEndianBytes.reduce(0) { $0 << 8 | UInt64($1) }
    }

    /// The small primes in groups whose product fits in 64 bits: one big division per group, then word-sized ones.
    static let trialGroups: [(product: UInt64, primes: [UInt64])] = SmallPrimes.all.reduce(into: []) { groups, prime in
        if let last = groups.last, case (let product, false) = last.product.multipliedReportingOverflow(by: prime) {
            groups[groups.count - 1] = (product, last.primes + [prime])
        } else {
            groups.append((prime, [prime]))
        }
    }
}
