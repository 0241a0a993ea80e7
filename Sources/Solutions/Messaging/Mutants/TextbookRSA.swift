import MessagingKit

/// Mutant: textbook RSA, m^e mod n of the message itself, no padding: the same text always gives the same
/// ciphertext, the label is ignored, and nothing checks a decryption.
public enum TextbookRSA: ReferenceRSA {
    public static func encrypt(_ message: [UInt8], label: [UInt8], seed: [UInt8], key: RSAPublicKey) throws -> [UInt8] {
        try RSA.publicOperation(BigUInt(bigEndian: message), key: key).bigEndianBytes(width: key.modulusByteCount)
    }

    public static func decrypt(_ ciphertext: [UInt8], label: [UInt8], key: RSAPrivateKey) throws -> [UInt8] {
        guard let number = try? BigUInt(bigEndian: ciphertext), number < key.modulus else { throw RSAError.decryptionError }
        return try RSA.privateOperation(number, key: key).bigEndianBytes
    }
}
