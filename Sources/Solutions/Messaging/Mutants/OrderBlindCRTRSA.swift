import MessagingKit

/// Mutant: a CRT that puts the larger prime first, as OpenSSL's keys have it, but keeps the key's qInv, which
/// belongs to the key's own order: right on every key with p > q, wrong on every key with p < q.
public enum OrderBlindCRTRSA: ReferenceRSA {
    public static func privateOperation(_ ciphertext: BigUInt, key: RSAPrivateKey) throws -> BigUInt {
        guard ciphertext < key.modulus else { throw RSAError.representativeOutOfRange }
        let ordered = key.prime1 > key.prime2
        let (p, q) = ordered ? (key.prime1, key.prime2) : (key.prime2, key.prime1)
        let (dP, dQ) = ordered ? (key.exponent1, key.exponent2) : (key.exponent2, key.exponent1)
        let m1 = try ciphertext.power(dP, modulo: p)
        let m2 = try ciphertext.power(dQ, modulo: q)
        let h = key.coefficient * (m1 + p - m2 % p) % p
        return m2 + h * q
    }
}
