import MessagingKit

extension MessagingScenarios {
    /// Exercises 2.1 and 2.2: primes and keys, judged by the graders' own ``PrimeCheck`` and arithmetic.
    static func keyGeneration<Toolkit: RSAToolkit>(_: Toolkit.Type) -> [Scenario] {
        [
            Scenario(id: "messaging.2.1-random-prime", lab: "messaging", exercise: "2.1", points: 3, seeds: 50, needs: ["1.1"],
                     summary: "primes of 32, 256 and 512 bits: exact size, two top bits set, prime, p - 1 prime to e, a new one each call; bad sizes refused") { seed in
                try checkRandomPrimes(Toolkit.self, seed: seed)
            },
            Scenario(id: "messaging.2.2-keygen", lab: "messaging", exercise: "2.2", points: 4, seeds: 20, needs: ["1.1", "2.1"],
                     summary: "1024-bit keys: n of 1024 bits, e = 65537, p ≠ q prime of 512 bits, d = e⁻¹ mod λ(n); bad sizes refused") { seed in
                try checkKey(Toolkit.self, bits: 1_024, seed: seed)
                try checkRefusedKeySizes(Toolkit.self, seed: seed)
            },
            Scenario(id: "messaging.2.2-keygen-2048", lab: "messaging", exercise: "2.2", points: 2, seeds: 1, needs: ["1.1", "2.1"],
                     summary: "a 2048-bit key passes the same checks") { seed in
                try checkKey(Toolkit.self, bits: 2_048, seed: seed)
            },
        ]
    }

    static func checkRandomPrimes<Toolkit: RSAToolkit>(_: Toolkit.Type, seed: UInt64) throws(ScenarioFailure) {
        var random = SeededRandom(seed: seed, stream: "random-prime")
        for bits in [32, 256, 512] {
            let call = "randomPrime(bits: \(bits))"
            let first = try ToolkitProbe.value(call) { try Toolkit.randomPrime(bits: bits, using: &random) }
            let second = try ToolkitProbe.value(call) { try Toolkit.randomPrime(bits: bits, using: &random) }
            try checkPrime(first, bits: bits, call)
            try checkPrime(second, bits: bits, call)
            try expect(first != second, "two calls of \(call) to give two primes", observed: "both gave \(first.hex)")
        }
        for bits in [8, RSAParameters.primeBits.upperBound + 1] {
            try ToolkitProbe.refuses("randomPrime(bits: \(bits))", with: .unsupportedPrimeSize(bits: bits)) {
                try Toolkit.randomPrime(bits: bits, using: &random)
            }
        }
    }

    /// `prime`, from `call`, has exactly `bits` bits with the top two set, passes ``PrimeCheck``, and p - 1 is prime to e.
    static func checkPrime(_ prime: BigUInt, bits: Int, _ call: String) throws(ScenarioFailure) {
        try expect(prime.bitLength == bits && prime.testBit(bits - 2), "\(call) to give a number of exactly \(bits) bits, its two top bits set",
                   observed: "\(prime.hex) (\(prime.bitLength) bits, bit \(bits - 2) \(prime.testBit(bits - 2) ? "set" : "clear"))")
        try expect(PrimeCheck.isPrime(prime), "\(call) to give a prime", observed: "\(prime.hex), which is composite")
        try expect((prime - 1) % RSAParameters.publicExponent != 0, "\(call) to give a p with p - 1 prime to e = 65537",
                   observed: "\(prime.hex), with p - 1 a multiple of 65537: e has no inverse mod λ(n)")
    }

    /// A key of `bits` bits from `generateKey`, checked number by number.
    static func checkKey<Toolkit: RSAToolkit>(_: Toolkit.Type, bits: Int, seed: UInt64) throws(ScenarioFailure) {
        var random = SeededRandom(seed: seed, stream: "keygen-\(bits)")
        let key = try ToolkitProbe.value("generateKey(bits: \(bits))") { try Toolkit.generateKey(bits: bits, using: &random) }
        let call = "generateKey(bits: \(bits))"
        try expect(key.modulus.bitLength == bits, "\(call) to give a modulus of exactly \(bits) bits", observed: "\(key.modulus.bitLength) bits")
        try expect(key.publicExponent == RSAParameters.publicExponent, "\(call) to use e = 65537", observed: "e = \(key.publicExponent)")
        try checkPrime(key.prime1, bits: bits / 2, "\(call)'s p")
        try checkPrime(key.prime2, bits: bits / 2, "\(call)'s q")
        let (pMinus1, qMinus1) = (key.prime1 - 1, key.prime2 - 1)
        let lcm = pMinus1 / BigUInt.gcd(pMinus1, qMinus1) * qMinus1
        let d = key.privateExponent
        try expect(d < lcm && d * key.publicExponent % lcm == 1, "\(call) to give d = e⁻¹ mod λ(n), λ(n) = lcm(p - 1, q - 1): d < λ(n) and e · d ≡ 1 mod λ(n)",
                   observed: d < lcm ? "e · d mod λ(n) = \(d * key.publicExponent % lcm)" : "d ≥ λ(n) (\(d.bitLength) bits against \(lcm.bitLength)): an inverse mod φ(n)?")
    }

    /// Odd, too small and too large sizes throw `unsupportedKeySize`.
    static func checkRefusedKeySizes<Toolkit: RSAToolkit>(_: Toolkit.Type, seed: UInt64) throws(ScenarioFailure) {
        var random = SeededRandom(seed: seed, stream: "keygen-sizes")
        for bits in [1_023, 256, RSAParameters.keyBits.upperBound + 2] {
            try ToolkitProbe.refuses("generateKey(bits: \(bits))", with: .unsupportedKeySize(bits: bits)) {
                try Toolkit.generateKey(bits: bits, using: &random)
            }
        }
    }
}
