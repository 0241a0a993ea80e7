import MessagingKit

/// Mutant: a decryption that says which check failed — the ciphertext's size or range, the leading byte, the
/// label's hash, the separator — the oracle of Manger's attack.
public enum TellingPaddingRSA: ReferenceRSA {
    /// The check a ciphertext failed, told to whoever sent it.
    enum FailedCheck: Error { case size, range, leadingByte, labelHash, separator }

    public static func decrypt(_ ciphertext: [UInt8], label: [UInt8], key: RSAPrivateKey) throws -> [UInt8] {
        let k = key.publicKey.modulusByteCount, hLen = OAEP.hashLength
        guard ciphertext.count == k else { throw FailedCheck.size }
        let number = try BigUInt(bigEndian: ciphertext)
        guard number < key.modulus else { throw FailedCheck.range }
        let encoded = try RSA.privateOperation(number, key: key).bigEndianBytes(width: k)
        guard encoded[0] == 0 else { throw FailedCheck.leadingByte }
        let maskedDB = Array(encoded[(hLen + 1)...])
        let seed = RSA.xor(Array(encoded[1...hLen]), try MGF1.sha256(seed: maskedDB, outputLength: hLen))
        let db = RSA.xor(maskedDB, try MGF1.sha256(seed: seed, outputLength: k - hLen - 1))
        guard Array(db.prefix(hLen)) == SHA256.hash(label) else { throw FailedCheck.labelHash }
        guard let separator = db[hLen...].firstIndex(where: { $0 != 0 }), db[separator] == 1 else { throw FailedCheck.separator }
        return Array(db[(separator + 1)...])
    }
}
