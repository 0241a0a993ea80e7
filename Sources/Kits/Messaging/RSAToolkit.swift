// Lab messaging, phase 1 — the RSA that the processing service runs, as graders drive it: given, not an exercise.

import LabKit

/// The RSA a student writes in phase 1: primality, key generation, the RSA core and OAEP (RFC 8017), as
/// static functions of one type, so that graders, `labrunner rsa` and the later phases call the same code.
///
/// Graders call each requirement directly, with fixed keys and published vectors (Wycheproof), and check it
/// only against properties and recorded values: they hold no OAEP of their own.
///
/// ```swift
/// let key = try RSA.generateKey(bits: 2048, using: &random)
/// let sealed = try RSA.encrypt(Array("hi Alice".utf8), key: key.publicKey, using: &random)
/// let text = try RSA.decrypt(sealed, label: [], key: key)   // every bad ciphertext: RSAError.decryptionError
/// ```
public protocol RSAToolkit: Sendable {
    /// Exercise 1.1: whether `candidate` is (very probably) prime: trial division by ``SmallPrimes``, then
    /// Miller–Rabin with `rounds` bases drawn from `random`. A prime MUST always pass; a composite passes with
    /// probability at most 4^-rounds, whoever chose it.
    static func isProbablePrime(_ candidate: BigUInt, rounds: Int, using random: inout SeededRandom) throws -> Bool

    /// Exercise 2.1: a random prime of exactly `bits` bits with its two top bits set, and `p - 1` prime to
    /// ``RSAParameters/publicExponent``; `bits` outside ``RSAParameters/primeBits`` throws `RSAError.unsupportedPrimeSize`.
    static func randomPrime(bits: Int, using random: inout SeededRandom) throws -> BigUInt

    /// Exercise 2.2: a fresh key of `bits` bits (even, in ``RSAParameters/keyBits``): e = 65,537, two distinct
    /// primes of `bits / 2` bits, d = e⁻¹ mod λ(n), and the CRT values dP, dQ and qInv.
    static func generateKey(bits: Int, using random: inout SeededRandom) throws -> RSAPrivateKey

    /// Exercise 3.1: RSAEP, `message^e mod n`; a message not below n throws `RSAError.representativeOutOfRange`.
    static func publicOperation(_ message: BigUInt, key: RSAPublicKey) throws -> BigUInt

    /// Exercise 3.2: RSADP, `ciphertext^d mod n` computed with the CRT (two half-size powers, then Garner's
    /// recombination); a ciphertext not below n throws `RSAError.representativeOutOfRange`.
    static func privateOperation(_ ciphertext: BigUInt, key: RSAPrivateKey) throws -> BigUInt

    /// Exercise 4.1: RSAES-OAEP-ENCRYPT with SHA-256 and MGF1-SHA-256 (RFC 8017 7.1.1), with the 32-byte
    /// `seed` given instead of drawn, so that it is checked byte for byte; the ciphertext has k bytes.
    /// Throws `RSAError.messageTooLong` past k - 66 bytes, `RSAError.invalidSeedLength` for another seed size.
    static func encrypt(_ message: [UInt8], label: [UInt8], seed: [UInt8], key: RSAPublicKey) throws -> [UInt8]

    /// Exercise 4.2: RSAES-OAEP-DECRYPT (RFC 8017 7.1.2). Every invalid ciphertext — wrong length, not below
    /// n, any padding check failed — MUST throw the one `RSAError.decryptionError`: telling them apart is
    /// Manger's attack.
    static func decrypt(_ ciphertext: [UInt8], label: [UInt8], key: RSAPrivateKey) throws -> [UInt8]
}

extension RSAToolkit {
    /// `message` OAEP-encrypted under `key` with a fresh seed drawn from `random`: what a sender calls. Two
    /// encryptions of one message differ, so an eavesdropper cannot tell whether a text was sent before.
    public static func encrypt(_ message: [UInt8], label: [UInt8] = [], key: RSAPublicKey,
                               using random: inout SeededRandom) throws -> [UInt8] {
        let seed = (0..<OAEP.hashLength).map { _ in UInt8.random(in: 0...255, using: &random) }
        return try encrypt(message, label: label, seed: seed, key: key)
    }
}
