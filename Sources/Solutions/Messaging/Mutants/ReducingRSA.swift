import MessagingKit

/// Mutant: a public operation that reduces a message mod n instead of refusing one not below n — it encrypts
/// another number than it was given, without a word.
public enum ReducingRSA: ReferenceRSA {
    public static func publicOperation(_ message: BigUInt, key: RSAPublicKey) throws -> BigUInt {
        try (message % key.modulus).power(key.publicExponent, modulo: key.modulus)
    }
}
