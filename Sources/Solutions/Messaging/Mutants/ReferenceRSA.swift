import MessagingKit

/// What every messaging mutant shares: each requirement passes on to the reference `RSA`, save the one its bug
/// changes (a mutant declares only that one).
public protocol ReferenceRSA: RSAToolkit {}

extension ReferenceRSA {
    public static func isProbablePrime(_ candidate: BigUInt, rounds: Int, using random: inout SeededRandom) throws -> Bool {
        try RSA.isProbablePrime(candidate, rounds: rounds, using: &random)
    }
    public static func randomPrime(bits: Int, using random: inout SeededRandom) throws -> BigUInt {
        try RSA.randomPrime(bits: bits, using: &random)
    }
    public static func generateKey(bits: Int, using random: inout SeededRandom) throws -> RSAPrivateKey {
        try RSA.generateKey(bits: bits, using: &random)
    }
    public static func publicOperation(_ message: BigUInt, key: RSAPublicKey) throws -> BigUInt {
        try RSA.publicOperation(message, key: key)
    }
    public static func privateOperation(_ ciphertext: BigUInt, key: RSAPrivateKey) throws -> BigUInt {
        try RSA.privateOperation(ciphertext, key: key)
    }
    public static func encrypt(_ message: [UInt8], label: [UInt8], seed: [UInt8], key: RSAPublicKey) throws -> [UInt8] {
        try RSA.encrypt(message, label: label, seed: seed, key: key)
    }
    public static func decrypt(_ ciphertext: [UInt8], label: [UInt8], key: RSAPrivateKey) throws -> [UInt8] {
        try RSA.decrypt(ciphertext, label: label, key: key)
    }
}
