// Lab messaging — why the RSA refused: given, not an exercise.

import LabKit

/// Why an RSA operation of the lab refused its input. Each case prints as a sentence a student can act on.
public enum RSAError: Error, Equatable, Sendable, CustomStringConvertible {
    /// RFC 8017's one "decryption error": the ciphertext has the wrong length, is not below n, or its
    /// padding is wrong. One case for all, on purpose: an attacker who can tell them apart decrypts anything
    /// (Manger's attack, with a few thousand queries).
    case decryptionError
    /// A message of `bytes` bytes is longer than the key carries, `limit` bytes (k - 66; negative when the key
    /// is too small for OAEP with SHA-256 at all).
    case messageTooLong(bytes: Int, limit: Int)
    /// The input of the RSA core is not below the modulus n ("message or ciphertext representative out of range").
    case representativeOutOfRange
    /// An OAEP seed of `bytes` bytes was given; it must be exactly 32 (``OAEP/hashLength``).
    case invalidSeedLength(bytes: Int)
    /// A key of `bits` bits was asked for; ``RSAParameters/keyBits`` says which are made, even numbers only.
    case unsupportedKeySize(bits: Int)
    /// A prime of `bits` bits was asked for; ``RSAParameters/primeBits`` says which are made.
    case unsupportedPrimeSize(bits: Int)

    /// The error as one sentence.
    public var description: String {
        switch self {
        case .decryptionError:
            "decryption error: the ciphertext is not one this key's owner encrypted with this label"
        case let .messageTooLong(bytes, limit) where limit < 0:
            "a message of \(bytes) bytes is too long: this key is too small for OAEP with SHA-256, which needs a modulus of at least \(2 * OAEP.hashLength + 2) bytes"
        case let .messageTooLong(bytes, limit):
            "a message of \(bytes) bytes is too long for this key: it carries at most \(limit) bytes"
        case .representativeOutOfRange:
            "the number is not below the modulus n: RSA works on numbers 0..<n only"
        case let .invalidSeedLength(bytes):
            "an OAEP seed of \(bytes) bytes was given; it must be \(OAEP.hashLength) bytes"
        case let .unsupportedKeySize(bits):
            "a \(bits)-bit key was asked for; key sizes are even numbers of bits in \(RSAParameters.keyBits.lowerBound)…\(RSAParameters.keyBits.upperBound)"
        case let .unsupportedPrimeSize(bits):
            "a \(bits)-bit prime was asked for; prime sizes are \(RSAParameters.primeBits.lowerBound)…\(RSAParameters.primeBits.upperBound) bits"
        }
    }
}
