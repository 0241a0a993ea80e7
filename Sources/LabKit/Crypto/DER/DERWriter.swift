/// Writes DER, the one canonical encoding of ASN.1 values: the types RSA keys are made of.
///
/// ```swift
/// var writer = DERWriter()
/// writer.writeSequence { $0.writeInteger(n); $0.writeInteger(e) }
/// let der = writer.bytes                       // an RSAPublicKey (PKCS #1)
/// ```
public struct DERWriter {
    /// What has been written so far.
    public private(set) var bytes: [UInt8] = []

    /// A writer with nothing written.
    public init() {}

    /// Writes a SEQUENCE whose elements `body` writes.
    public mutating func writeSequence(_ body: (inout DERWriter) -> Void) {
        var inner = DERWriter()
        body(&inner)
        writeElement(.sequence, inner.bytes)
    }

    /// Writes a non-negative INTEGER (a 0x00 in front when the top bit is set, so it does not read as negative).
    public mutating func writeInteger(_ value: BigUInt) {
        let magnitude = value.bigEndianBytes
        let needsSignByte = magnitude.first.map { $0 & 0x80 != 0 } ?? true
        writeElement(.integer, needsSignByte ? [0] + magnitude : magnitude)
    }

    /// Writes an OCTET STRING.
    public mutating func writeOctetString(_ content: [UInt8]) {
        writeElement(.octetString, content)
    }

    /// Writes a BIT STRING of whole bytes.
    public mutating func writeBitString(_ content: [UInt8]) {
        writeElement(.bitString, [0] + content)
    }

    /// Writes a NULL.
    public mutating func writeNull() {
        writeElement(.null, [])
    }

    /// Writes an OBJECT IDENTIFIER.
    public mutating func writeObjectIdentifier(_ identifier: OID) {
        let subidentifiers = [identifier.arcs[0] * 40 + identifier.arcs[1]] + identifier.arcs.dropFirst(2)
        var content: [UInt8] = []
        for subidentifier in subidentifiers {
            var digits = [UInt8(subidentifier & 0x7F)]
            var rest = subidentifier >> 7
            while rest > 0 {
                digits.append(UInt8(rest & 0x7F) | 0x80)
                rest >>= 7
            }
            content += digits.reversed()
        }
        writeElement(.objectIdentifier, content)
    }

    /// Writes a tag, the content's length in its shortest form, and the content.
    private mutating func writeElement(_ tag: DERTag, _ content: [UInt8]) {
        bytes.append(tag.rawValue)
        if content.count < 0x80 {
            bytes.append(UInt8(content.count))
        } else {
            let length = BigUInt(UInt64(content.count)).bigEndianBytes
            bytes.append(0x80 | UInt8(length.count))
            bytes += length
        }
        bytes += content
    }
}
