/// Why an RSA key was refused: a number that breaks RSA's rules, or bytes or text that are not a key.
/// Importing a key never traps, whatever the input.
///
/// Each case prints as a sentence, for example `evenModulus` reads "the modulus n is even; an RSA modulus
/// is the product of two odd primes".
public enum RSAKeyError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The modulus n is zero.
    case zeroModulus
    /// The modulus n is even.
    case evenModulus
    /// The modulus n has `bits` bits, more than `limit` (`RSAPublicKey.maximumModulusBits`).
    case modulusTooLarge(bits: Int, limit: Int)
    /// The public exponent e is 0, 1 or 2.
    case publicExponentTooSmall
    /// The public exponent e is even, so it shares the factor 2 with φ(n) and has no inverse.
    case evenPublicExponent
    /// The public exponent e is not below the modulus n.
    case publicExponentNotBelowModulus
    /// The private exponent d is zero or not below the modulus n.
    case privateExponentOutOfRange
    /// A prime factor (p or q) is below 3.
    case primeTooSmall
    /// p · q is not the modulus n.
    case primesDoNotMultiplyToModulus
    /// p equals q, so n is a square.
    case equalPrimes
    /// exponent1 is not d mod (p - 1) (`name` "exponent1"), or exponent2 is not d mod (q - 1) ("exponent2").
    case crtExponentMismatch(name: String)
    /// The coefficient is not q⁻¹ mod p (it must also be below p).
    case coefficientMismatch
    /// e · d is not 1 modulo p - 1 or modulo q - 1, so decryption would not undo encryption.
    case exponentsNotInverse
    /// The DER structure is malformed.
    case der(DERError)
    /// The PEM armor is malformed.
    case pem(PEMError)
    /// The PEM armor holds something else (its label is `found`); one of `expected` was needed.
    case unexpectedPEMLabel(found: String, expected: [String])
    /// A structure's version is `version`; only 0 (two-prime keys, PKCS #8 version 1) is supported.
    case unsupportedVersion(Int)
    /// The key's algorithm is `oid` (in dotted form), not rsaEncryption (1.2.840.113549.1.1.1).
    case unsupportedAlgorithm(oid: String)

    /// The error as one sentence a student can act on.
    public var description: String {
        switch self {
        case .zeroModulus: "the modulus n is zero"
        case .evenModulus: "the modulus n is even; an RSA modulus is the product of two odd primes"
        case let .modulusTooLarge(bits, limit): "the modulus n has \(bits) bits, more than the limit of \(limit)"
        case .publicExponentTooSmall: "the public exponent e must be at least 3"
        case .evenPublicExponent: "the public exponent e is even, so it has no inverse modulo φ(n)"
        case .publicExponentNotBelowModulus: "the public exponent e must be smaller than the modulus n"
        case .privateExponentOutOfRange: "the private exponent d must be in 1..<n"
        case .primeTooSmall: "a prime factor p or q is smaller than 3"
        case .primesDoNotMultiplyToModulus: "p · q is not the modulus n"
        case .equalPrimes: "p and q are equal: n must have two distinct prime factors"
        case let .crtExponentMismatch(name):
            "\(name) is not d mod (\(name == "exponent1" ? "p" : "q") - 1)"
        case .coefficientMismatch: "the coefficient is not q⁻¹ mod p"
        case .exponentsNotInverse: "e · d is not 1 modulo p - 1 and modulo q - 1: decryption would not undo encryption"
        case let .der(error): "malformed key DER: \(error)"
        case let .pem(error): "malformed key PEM: \(error)"
        case let .unexpectedPEMLabel(found, expected):
            "the PEM holds a \"\(found)\", not \(expected.map { "a \"\($0)\"" }.joined(separator: " or "))"
        case let .unsupportedVersion(version): "version \(version) is not supported: only 0 (two-prime keys) is"
        case let .unsupportedAlgorithm(oid): "the key's algorithm is \(oid), not rsaEncryption (1.2.840.113549.1.1.1)"
        }
    }
}
