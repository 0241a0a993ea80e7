import MessagingKit

extension MessagingScenarios {
    /// Exercise 1.1's scenarios: small numbers against the sieve, then Wycheproof's hard cases.
    static func primality<Toolkit: RSAToolkit>(_: Toolkit.Type) -> [Scenario] {
        [
            Scenario(id: "messaging.1.1-small-numbers", lab: "messaging", exercise: "1.1", points: 2, seeds: 20,
                     summary: "every number below 4,096 gets the right verdict: 0 and 1 are not prime, the small primes themselves are") { seed in
                try checkSmallNumbers(Toolkit.self, seed: seed)
            },
            Scenario(id: "messaging.1.1-wycheproof-primality", lab: "messaging", exercise: "1.1", points: 5, seeds: wycheproofSlices,
                     summary: "Wycheproof's 304 cases, a twentieth per seed, with 24 rounds: every prime passes, every composite fails, Carmichael numbers and strong pseudoprimes to fixed bases included") { seed in
                try checkWycheproofPrimality(Toolkit.self, seed: seed)
            },
        ]
    }

    /// The numbers below 4,096, by trial division with the given small primes (whose squares pass 4,096).
    static func checkSmallNumbers<Toolkit: RSAToolkit>(_: Toolkit.Type, seed: UInt64) throws(ScenarioFailure) {
        var random = SeededRandom(seed: seed, stream: "small-numbers")
        for number in UInt64(0)..<4_096 {
            let prime = number >= 2 && SmallPrimes.all.prefix { $0 * $0 <= number }.allSatisfy { number % $0 != 0 }
            let verdict = try ToolkitProbe.value("isProbablePrime(\(number), rounds: 8)") {
                try Toolkit.isProbablePrime(BigUInt(number), rounds: 8, using: &random)
            }
            try expect(verdict == prime, "isProbablePrime(\(number)) to say \(prime ? "prime" : "composite")",
                       observed: "it said \(verdict ? "prime" : "composite")")
        }
    }

    /// The Wycheproof cases come in this many slices, one per seed: seeds 1 to 20 (a grading run) test every case
    /// once, and any seed tests a twentieth of them — the numbers of 2,100 bits and more take a few seconds in all.
    static let wycheproofSlices = 20

    /// The non-negative Wycheproof cases of the slice of `seed`, in the file's order, with 24 rounds (a composite
    /// passes them with probability at most 4⁻²⁴).
    static func checkWycheproofPrimality<Toolkit: RSAToolkit>(_: Toolkit.Type, seed: UInt64) throws(ScenarioFailure) {
        var random = SeededRandom(seed: seed, stream: "wycheproof-primality")
        let slice = Int((seed &- 1) % UInt64(wycheproofSlices))
        for (index, test) in try WycheproofPrimality.cases.vectors().enumerated() where index % wycheproofSlices == slice {
            let described = "Wycheproof primality case \(test.id) (\(test.comment); \(test.flags.joined(separator: ", "))), a \(test.value.bitLength)-bit number"
            let verdict = try ToolkitProbe.value("isProbablePrime of \(described)") {
                try Toolkit.isProbablePrime(test.value, rounds: 24, using: &random)
            }
            let hint = test.isPrime ? "a prime must pass every round, whatever the bases"
                : test.flags.contains("FixedMillerRabinBasis") || test.comment.contains("bases") ? "it fools fixed bases: draw each base at random"
                : "it fools the Fermat test and too few rounds: use Miller–Rabin, with the rounds asked for"
            try expect(verdict == test.isPrime, "\(described) to be called \(test.isPrime ? "prime" : "composite")",
                       observed: "it was called \(verdict ? "prime" : "composite") (\(hint))")
        }
    }
}
