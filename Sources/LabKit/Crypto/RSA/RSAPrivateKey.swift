/// An RSA private key with its Chinese-remainder values, as PKCS #1 stores it: n, e, d, the primes p and q,
/// dP = d mod (p-1), dQ = d mod (q-1) and qInv = q⁻¹ mod p. Plain numbers, checked on creation; key generation
/// and the RSA operations are the lab's exercises. Prints without its secrets.
///
/// ```swift
/// let key = try RSAPrivateKey(pem: text)          // "PRIVATE KEY" or "RSA PRIVATE KEY"
/// let (p, q, dP) = (key.prime1, key.prime2, key.exponent1)
/// let exported = key.pkcs8PEM                     // what `openssl genpkey` writes
/// ```
public struct RSAPrivateKey: Sendable, Equatable, CustomStringConvertible {
    /// The public half, (n, e).
    public let publicKey: RSAPublicKey
    /// The private exponent d, the inverse of e modulo λ(n) (or φ(n)).
    public let privateExponent: BigUInt
    /// The prime p.
    public let prime1: BigUInt
    /// The prime q.
    public let prime2: BigUInt
    /// dP = d mod (p - 1).
    public let exponent1: BigUInt
    /// dQ = d mod (q - 1).
    public let exponent2: BigUInt
    /// qInv = q⁻¹ mod p.
    public let coefficient: BigUInt

    /// The key, after checking everything that needs no primality test: the public key's rules, d in 1..<n,
    /// p · q = n with p ≠ q, dP and dQ the reductions of d, qInv · q ≡ 1 (mod p), and e · d ≡ 1 modulo p - 1 and
    /// q - 1. The first rule broken throws the `RSAKeyError` naming it. (Whether p and q are prime is not checked.)
    public init(modulus: BigUInt, publicExponent: BigUInt, privateExponent: BigUInt, prime1: BigUInt, prime2: BigUInt,
                exponent1: BigUInt, exponent2: BigUInt, coefficient: BigUInt) throws(RSAKeyError) {
        let publicKey = try RSAPublicKey(modulus: modulus, publicExponent: publicExponent)
        guard !privateExponent.isZero, privateExponent < modulus else { throw .privateExponentOutOfRange }
        guard prime1 >= 3, prime2 >= 3 else { throw .primeTooSmall }
        guard prime1 * prime2 == modulus else { throw .primesDoNotMultiplyToModulus }
        guard prime1 != prime2 else { throw .equalPrimes }
        let (pMinus1, qMinus1) = (prime1 - 1, prime2 - 1)
        guard exponent1 == privateExponent % pMinus1 else { throw .crtExponentMismatch(name: "exponent1") }
        guard exponent2 == privateExponent % qMinus1 else { throw .crtExponentMismatch(name: "exponent2") }
        guard coefficient < prime1, coefficient * prime2 % prime1 == 1 else { throw .coefficientMismatch }
        guard publicExponent * exponent1 % pMinus1 == 1, publicExponent * exponent2 % qMinus1 == 1 else { throw .exponentsNotInverse }
        self.publicKey = publicKey
        (self.privateExponent, self.prime1, self.prime2) = (privateExponent, prime1, prime2)
        (self.exponent1, self.exponent2, self.coefficient) = (exponent1, exponent2, coefficient)
    }

    /// The modulus n.
    public var modulus: BigUInt { publicKey.modulus }
    /// The public exponent e.
    public var publicExponent: BigUInt { publicKey.publicExponent }

    /// The key's size and nothing secret, so that a key printed by mistake in a log leaks nothing.
    public var description: String { "RSA private key (\(modulus.bitLength)-bit modulus)" }
}
