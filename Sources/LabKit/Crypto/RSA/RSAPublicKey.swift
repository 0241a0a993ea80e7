/// An RSA public key (n, e): what a peer encrypts to and verifies signatures with. Plain numbers, checked
/// on creation; the RSA operations themselves are the lab's exercises.
///
/// ```swift
/// let key = try RSAPublicKey(pem: text)          // "PUBLIC KEY" or "RSA PUBLIC KEY"
/// let k = key.modulusByteCount                   // 256 for RSA-2048
/// ```
public struct RSAPublicKey: Sendable, Hashable {
    /// The largest modulus accepted: 16,384 bits, OpenSSL's own limit, which bounds the cost of every operation.
    public static let maximumModulusBits = BigUIntLimits.maximumBits

    /// The modulus n = p · q.
    public let modulus: BigUInt
    /// The public exponent e, usually 65,537.
    public let publicExponent: BigUInt

    /// The key (n, e), after checking what can be checked without factoring n: n odd, non-zero and at most
    /// 16,384 bits; e odd and in 3..<n. A number that breaks a rule throws the `RSAKeyError` naming it.
    public init(modulus: BigUInt, publicExponent: BigUInt) throws(RSAKeyError) {
        guard !modulus.isZero else { throw .zeroModulus }
        guard modulus.isOdd else { throw .evenModulus }
        guard modulus.bitLength <= Self.maximumModulusBits else {
            throw .modulusTooLarge(bits: modulus.bitLength, limit: Self.maximumModulusBits)
        }
        guard publicExponent >= 3 else { throw .publicExponentTooSmall }
        guard publicExponent.isOdd else { throw .evenPublicExponent }
        guard publicExponent < modulus else { throw .publicExponentNotBelowModulus }
        self.modulus = modulus
        self.publicExponent = publicExponent
    }

    /// k, the modulus's length in bytes: the size of every ciphertext and signature under this key.
    public var modulusByteCount: Int { (modulus.bitLength + 7) / 8 }
}
