import MessagingKit

extension MessagingScenarios {
    /// Exercises 3.1 and 3.2: the RSA core on fixed keys, checked against the plain private operation.
    static func core<Toolkit: RSAToolkit>(_: Toolkit.Type) -> [Scenario] {
        [
            Scenario(id: "messaging.3.1-public-op", lab: "messaging", exercise: "3.1", points: 2, seeds: 20,
                     summary: "on keys of 512, 1024 and 2048 bits, m^e mod n undone by the plain c^d mod n, for random m, 0, 1 and n - 1; n and above refused") { seed in
                try checkPublicOperation(Toolkit.self, seed: seed)
            },
            Scenario(id: "messaging.3.2-crt", lab: "messaging", exercise: "3.2", points: 4, seeds: 20,
                     summary: "on keys with p > q and with p < q, the CRT result equals the plain c^d mod n for random c, 0, 1 and n - 1; n and above refused") { seed in
                try checkPrivateOperation(Toolkit.self, seed: seed)
            },
        ]
    }

    /// Random numbers below `key`'s modulus, then the edges 0, 1 and n - 1.
    static func inputs(below modulus: BigUInt, _ random: inout SeededRandom) throws(ScenarioFailure) -> [BigUInt] {
        do {
            return try (0..<4).map { _ throws(BigUIntError) in try BigUInt.random(below: modulus, using: &random) } + [0, 1, modulus - 1]
        } catch {
            throw ScenarioFailure(.crashed("drawing numbers below the modulus: \(error)"))
        }
    }

    /// Numbers the RSA core must refuse for `modulus`: n, n + 1 and a number of more bits than n.
    static func outOfRange(_ modulus: BigUInt) -> [BigUInt] {
        [modulus, modulus + 1, BigUInt(1) << (modulus.bitLength + 8)]
    }

    static func checkPublicOperation<Toolkit: RSAToolkit>(_: Toolkit.Type, seed: UInt64) throws(ScenarioFailure) {
        var random = SeededRandom(seed: seed, stream: "public-op")
        for (name, key) in try TestKeys.coreKeys().prefix(3) {
            for message in try inputs(below: key.modulus, &random) {
                let call = "publicOperation(\(message.hex.prefix(16))…, key: \(name))"
                let result = try ToolkitProbe.value(call) { try Toolkit.publicOperation(message, key: key.publicKey) }
                let undone = result < key.modulus ? try? result.power(key.privateExponent, modulo: key.modulus) : nil
                try expect(undone == message, "\(call) to give c = m^e mod n, which c^d mod n turns back into m",
                           observed: result < key.modulus ? "c = \(result.hex.prefix(32))…, and c^d mod n is not m" : "c = \(result.hex.prefix(32))…, not below n")
            }
            for number in outOfRange(key.modulus) {
                try ToolkitProbe.refuses("publicOperation of a \(number.bitLength)-bit number \(number == key.modulus ? "(n itself) " : "")under \(name)",
                                         with: .representativeOutOfRange) { try Toolkit.publicOperation(number, key: key.publicKey) }
            }
        }
    }

    static func checkPrivateOperation<Toolkit: RSAToolkit>(_: Toolkit.Type, seed: UInt64) throws(ScenarioFailure) {
        var random = SeededRandom(seed: seed, stream: "private-op")
        for (name, key) in try TestKeys.coreKeys() {
            let order = key.prime1 > key.prime2 ? "p > q" : "p < q"
            for ciphertext in try inputs(below: key.modulus, &random) {
                let call = "privateOperation(\(ciphertext.hex.prefix(16))…, key: \(name), \(order))"
                let result = try ToolkitProbe.value(call) { try Toolkit.privateOperation(ciphertext, key: key) }
                let plain = try? ciphertext.power(key.privateExponent, modulo: key.modulus)
                try expect(result == plain, "\(call) to equal the plain c^d mod n",
                           observed: "\(result.hex.prefix(32))… instead of \(plain?.hex.prefix(32) ?? "?")…")
            }
            try ToolkitProbe.refuses("privateOperation(n, key: \(name))", with: .representativeOutOfRange) {
                try Toolkit.privateOperation(key.modulus, key: key)
            }
        }
    }
}
