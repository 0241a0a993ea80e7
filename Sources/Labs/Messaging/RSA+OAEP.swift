import MessagingKit

extension RSA {
    /// Exercise 4.1 — RSAES-OAEP-ENCRYPT (RFC 8017 7.1.1) with SHA-256 and MGF1-SHA-256, the seed given:
    ///
    ///     k = key.modulusByteCount; refuse a message longer than OAEP.maximumMessageLength(modulusBytes: k)
    ///     DB = SHA256(label) ‖ zeros ‖ 0x01 ‖ message          (k - 33 bytes)
    ///     maskedDB = DB ⊕ MGF1(seed, k - 33);  maskedSeed = seed ⊕ MGF1(maskedDB, 32)
    ///     EM = 0x00 ‖ maskedSeed ‖ maskedDB;   ciphertext = publicOperation(EM) in exactly k bytes
    ///
    /// Why padding: textbook RSA (m^e mod n) is deterministic — the same text always gives the same
    /// ciphertext, so an eavesdropper tests guesses — and malleable. The random seed makes every encryption
    /// different; the masks make any change to the ciphertext garble everything. The seed must be 32 bytes
    /// (`RSAError.invalidSeedLength`); a too long message throws `RSAError.messageTooLong(bytes:limit:)`.
    /// Tested by `messaging.4.1-oaep-vectors` (Wycheproof's ciphertexts, byte for byte, from their seeds),
    /// `messaging.4.1-randomized` and `messaging.4.1-too-long`. Hint: `MGF1.sha256(seed:outputLength:)`,
    /// `BigUInt(bigEndian:)` and `bigEndianBytes(width:)`.
    public static func encrypt(_ message: [UInt8], label: [UInt8], seed: [UInt8], key: RSAPublicKey) throws -> [UInt8] {
        try todo("4.1")
    }

    /// Exercise 4.2 — RSAES-OAEP-DECRYPT (RFC 8017 7.1.2): undo 4.1 and check everything — the length is k
    /// (and k ≥ 66), the number is below n, EM's first byte is 0, lHash matches SHA256(label), and after it
    /// come only zeros, then 0x01, then the message.
    ///
    /// Every failure MUST throw the same `RSAError.decryptionError`, and only after every check ran: a
    /// decryption that says which check failed (or fails faster for one) lets an attacker decrypt any
    /// ciphertext by sending variations of it (Manger's attack). Tested by `messaging.4.2-oaep-vectors`
    /// (all 37 Wycheproof cases: valid ones give their message, each of the 19 invalid ones the one error),
    /// `messaging.4.2-round-trip` and `messaging.4.2-openssl`. Hint: fold the checks into one `Bool`
    /// instead of returning early.
    public static func decrypt(_ ciphertext: [UInt8], label: [UInt8], key: RSAPrivateKey) throws -> [UInt8] {
        try todo("4.2")
    }

    /// The bytes of `a` each XORed with the byte of `b` at the same place (both of one length).
    static func xor(_ a: [UInt8], _ b: [UInt8]) -> [UInt8] {
        zip(a, b).map { $0 ^ $1 }
    }
}
