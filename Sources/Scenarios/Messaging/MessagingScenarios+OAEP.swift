import MessagingKit

extension MessagingScenarios {
    /// Exercises 4.1 and 4.2: OAEP against Wycheproof, then its properties.
    static func oaep<Toolkit: RSAToolkit>(_: Toolkit.Type) -> [Scenario] {
        [
            Scenario(id: "messaging.4.1-oaep-vectors", lab: "messaging", exercise: "4.1", points: 4, seeds: 1, needs: ["3.1"],
                     summary: "the 18 valid Wycheproof cases, encrypted from their seeds, give Wycheproof's ciphertexts byte for byte; a 31-byte seed is refused") { _ in
                try checkEncryptionVectors(Toolkit.self)
            },
            Scenario(id: "messaging.4.1-randomized", lab: "messaging", exercise: "4.1", points: 2, seeds: 50, needs: ["3.1"],
                     summary: "the same message encrypted twice gives two different k-byte ciphertexts") { seed in
                try checkRandomized(Toolkit.self, seed: seed)
            },
            Scenario(id: "messaging.4.1-too-long", lab: "messaging", exercise: "4.1", points: 1, seeds: 1, needs: ["3.1"],
                     summary: "k - 66 bytes are encrypted, one more is refused as too long; a 512-bit key carries nothing") { _ in
                try checkTooLong(Toolkit.self)
            },
            Scenario(id: "messaging.4.2-oaep-vectors", lab: "messaging", exercise: "4.2", points: 5, seeds: 1, needs: ["3.2"],
                     summary: "all 37 Wycheproof cases: each valid one decrypts to its message, each of the 19 invalid ones throws the one decryptionError") { _ in
                try checkDecryptionVectors(Toolkit.self)
            },
            Scenario(id: "messaging.4.2-round-trip", lab: "messaging", exercise: "4.2", points: 2, seeds: 50, needs: ["3.1", "3.2", "4.1"],
                     summary: "random messages and labels decrypt to themselves; another label, a flipped byte or a missing byte give decryptionError") { seed in
                try checkRoundTrips(Toolkit.self, seed: seed)
            },
        ]
    }

    static func checkEncryptionVectors<Toolkit: RSAToolkit>(_: Toolkit.Type) throws(ScenarioFailure) {
        let file = try WycheproofOAEP.file.vectors()
        for test in file.cases where test.isValid {
            guard let seed = OAEPSeeds.byCase[test.id].map({ [UInt8](hexDigits: $0) }) else {
                throw ScenarioFailure(.crashed("no recorded seed for \(test.name)"))
            }
            let call = "encrypt(\(test.message.count)-byte message of \(test.name), label of \(test.label.count) bytes, its seed)"
            let sealed = try ToolkitProbe.value(call) { try Toolkit.encrypt(test.message, label: test.label, seed: seed, key: file.key.publicKey) }
            try expect(sealed == test.ciphertext, "\(call) to give Wycheproof's ciphertext, \(ToolkitProbe.sketch(test.ciphertext))",
                       observed: "\(ToolkitProbe.sketch(sealed)): check DB = SHA256(label) ‖ zeros ‖ 0x01 ‖ message, maskedDB = DB ⊕ MGF1(seed), maskedSeed = seed ⊕ MGF1(maskedDB), EM = 0x00 ‖ maskedSeed ‖ maskedDB")
        }
        try ToolkitProbe.refuses("encrypt with a 31-byte seed", with: .invalidSeedLength(bytes: 31)) {
            try Toolkit.encrypt([1, 2, 3], label: [], seed: [UInt8](repeating: 7, count: 31), key: file.key.publicKey)
        }
    }

    static func checkRandomized<Toolkit: RSAToolkit>(_: Toolkit.Type, seed: UInt64) throws(ScenarioFailure) {
        var random = SeededRandom(seed: seed, stream: "randomized")
        let key = try WycheproofOAEP.file.vectors().key.publicKey
        let message = (0..<Int.random(in: 0...190, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
        let call = "encrypt of one \(message.count)-byte message"
        let first = try ToolkitProbe.value(call) { try Toolkit.encrypt(message, key: key, using: &random) }
        let second = try ToolkitProbe.value(call) { try Toolkit.encrypt(message, key: key, using: &random) }
        try expect(first.count == key.modulusByteCount && second.count == key.modulusByteCount,
                   "\(call) to give \(key.modulusByteCount) bytes each time", observed: "\(first.count) and \(second.count) bytes")
        try expect(first != second, "two encryptions of one message with fresh seeds to differ (an eavesdropper must not see a text sent twice)",
                   observed: "both are \(ToolkitProbe.sketch(first)): is the seed used?")
    }

    static func checkTooLong<Toolkit: RSAToolkit>(_: Toolkit.Type) throws(ScenarioFailure) {
        let seed = [UInt8](repeating: 0x5a, count: OAEP.hashLength)
        let keys = [(name: "Wycheproof's 2048-bit key", key: try WycheproofOAEP.file.vectors().key.publicKey),
                    (name: "the 1024-bit test key", key: try TestKeys.parsed(TestKeys.rsa1024, "the 1024-bit test key").publicKey)]
        for (name, key) in keys {
            let limit = OAEP.maximumMessageLength(modulusBytes: key.modulusByteCount)
            let longest = [UInt8](repeating: 0x41, count: limit)
            let sealed = try ToolkitProbe.value("encrypt of a \(limit)-byte message under \(name) (the longest it carries)") {
                try Toolkit.encrypt(longest, label: [], seed: seed, key: key)
            }
            try expect(sealed.count == key.modulusByteCount, "a \(key.modulusByteCount)-byte ciphertext", observed: "\(sealed.count) bytes")
            try ToolkitProbe.refuses("encrypt of a \(limit + 1)-byte message under \(name)", with: .messageTooLong(bytes: limit + 1, limit: limit)) {
                try Toolkit.encrypt(longest + [0x41], label: [], seed: seed, key: key)
            }
        }
        let tiny = try TestKeys.parsed(TestKeys.rsa512, "the 512-bit test key").publicKey
        try ToolkitProbe.refuses("encrypt of an empty message under the 512-bit test key (k = 64 < 66)", with: .messageTooLong(bytes: 0, limit: -2)) {
            try Toolkit.encrypt([], label: [], seed: seed, key: tiny)
        }
    }

    static func checkDecryptionVectors<Toolkit: RSAToolkit>(_: Toolkit.Type) throws(ScenarioFailure) {
        let file = try WycheproofOAEP.file.vectors()
        for test in file.cases {
            let call = "decrypt(\(test.ciphertext.count)-byte ciphertext of \(test.name))"
            let outcome = try ToolkitProbe.outcome(call) { try Toolkit.decrypt(test.ciphertext, label: test.label, key: file.key) }
            switch (test.isValid, outcome) {
            case let (true, .success(message)):
                try expect(message == test.message, "\(call) to give its \(test.message.count)-byte message", observed: ToolkitProbe.sketch(message))
            case let (true, .failure(error)):
                throw ScenarioFailure(.wrong(expected: "\(call) to give its \(test.message.count)-byte message", observed: "it threw \(ToolkitProbe.spelled(error))"))
            case let (false, .success(message)):
                throw ScenarioFailure(.wrong(expected: "\(call) to throw RSAError.decryptionError", observed: "it returned \(ToolkitProbe.sketch(message))"))
            case let (false, .failure(error)):
                try expect(error == .decryptionError, "\(call) to throw RSAError.decryptionError, the one error of every invalid ciphertext",
                           observed: "it threw \(ToolkitProbe.spelled(error)): an attacker who tells failures apart decrypts anything (Manger's attack)")
            }
        }
    }

    static func checkRoundTrips<Toolkit: RSAToolkit>(_: Toolkit.Type, seed: UInt64) throws(ScenarioFailure) {
        var random = SeededRandom(seed: seed, stream: "round-trip")
        let (name, key) = seed.isMultiple(of: 2) ? ("Wycheproof's 2048-bit key", try WycheproofOAEP.file.vectors().key)
            : ("the 1024-bit test key", try TestKeys.parsed(TestKeys.rsa1024, "the 1024-bit test key"))
        let limit = OAEP.maximumMessageLength(modulusBytes: key.publicKey.modulusByteCount)
        let message = (0..<Int.random(in: 0...limit, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
        let label = (0..<Int.random(in: 0...40, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
        let sealed = try ToolkitProbe.value("encrypt of a \(message.count)-byte message under \(name)") {
            try Toolkit.encrypt(message, label: label, key: key.publicKey, using: &random)
        }
        let call = "decrypt of that ciphertext (\(ToolkitProbe.sketch(sealed)))"
        let opened = try ToolkitProbe.value("\(call) with its \(label.count)-byte label") { try Toolkit.decrypt(sealed, label: label, key: key) }
        try expect(opened == message, "\(call) to give the message back", observed: ToolkitProbe.sketch(opened))
        try ToolkitProbe.refuses("\(call) with another label", with: .decryptionError) {
            try Toolkit.decrypt(sealed, label: label + [0], key: key)
        }
        var flipped = sealed
        let place = Int.random(in: 0..<flipped.count, using: &random)
        flipped[place] ^= UInt8(1) << UInt8.random(in: 0...7, using: &random)
        if let number = try? BigUInt(bigEndian: flipped), number < key.modulus {
            try ToolkitProbe.refuses("decrypt of it with byte \(place) altered", with: .decryptionError) { try Toolkit.decrypt(flipped, label: label, key: key) }
        }
        try ToolkitProbe.refuses("decrypt of it without its last byte", with: .decryptionError) {
            try Toolkit.decrypt(Array(sealed.dropLast()), label: label, key: key)
        }
    }
}
