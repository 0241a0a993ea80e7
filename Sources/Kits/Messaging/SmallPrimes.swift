// Lab messaging — the small primes for trial division: given, not an exercise.

import LabKit

/// The primes below 2,000 (303 of them), found once by a sieve of Eratosthenes: trial division by them throws
/// out about 85 % of random odd candidates before the first, costly, Miller–Rabin round.
public enum SmallPrimes {
    /// The bound: every prime below it is in ``all``.
    public static let bound = 2_000

    /// 2, 3, 5, 7, …, 1999, in increasing order.
    public static let all: [UInt64] = {
        var composite = [Bool](repeating: false, count: bound)
        var primes: [UInt64] = []
        for number in 2..<bound where !composite[number] {
            primes.append(UInt64(number))
            for multiple in stride(from: number * number, to: bound, by: number) { composite[multiple] = true }
        }
        return primes
    }()
}
