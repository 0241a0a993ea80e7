/// The tags of the ASN.1 types the kit reads and writes: all that RSA keys (PKCS #1, PKCS #8, X.509's
/// SubjectPublicKeyInfo) are made of.
public enum DERTag: UInt8, Sendable {
    /// INTEGER: a signed number, big-endian two's complement in the fewest bytes.
    case integer = 0x02
    /// BIT STRING: a count of unused bits in the last byte, then the bits; a public key inside SubjectPublicKeyInfo.
    case bitString = 0x03
    /// OCTET STRING: bytes; a private key inside PKCS #8.
    case octetString = 0x04
    /// NULL: no content; an algorithm's absent parameters.
    case null = 0x05
    /// OBJECT IDENTIFIER: a path in the global tree of names, such as rsaEncryption 1.2.840.113549.1.1.1.
    case objectIdentifier = 0x06
    /// SEQUENCE (constructed): its content is further elements, in order.
    case sequence = 0x30
}
