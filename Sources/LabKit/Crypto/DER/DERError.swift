/// Why DER bytes could not be read: the reader reports one of these for any input, never trapping or looping.
///
/// Each case prints as a sentence, for example `unexpectedTag(found: 0x04, expected: 0x02)` reads
/// "expected an INTEGER (tag 0x02) but found an OCTET STRING (tag 0x04)".
public enum DERError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The input is longer than the reader accepts (`DERReader.maximumInputLength`); none of it was read.
    case inputTooLarge(length: Int, limit: Int)
    /// An element needed `needed` more bytes (its header or its content) where `available` were left.
    case truncated(needed: Int, available: Int)
    /// An element with tag `found` stood where one with tag `expected` must be.
    case unexpectedTag(found: UInt8, expected: UInt8)
    /// An indefinite length (0x80), which BER allows and DER forbids.
    case indefiniteLength
    /// A length in more bytes than needed, or in the long form where the short one fits: not DER.
    case nonMinimalLength
    /// A length field of `lengthBytes` bytes: more than four, so longer than any input the reader accepts.
    case oversizedLength(lengthBytes: Int)
    /// SEQUENCEs nested more than `limit` deep.
    case tooDeep(limit: Int)
    /// An INTEGER with no content bytes.
    case emptyInteger
    /// An INTEGER with a redundant leading 0x00 or 0xFF byte: not DER.
    case nonMinimalInteger
    /// A negative INTEGER where an unsigned number (an RSA key's numbers, a version) must be.
    case negativeInteger
    /// An INTEGER of `bits` bits, more than the `limit` for numbers read from outside.
    case integerTooLarge(bits: Int, limit: Int)
    /// A BIT STRING whose content is not whole bytes (`unusedBits` ≠ 0), or with an impossible unused-bit count.
    case invalidBitString(unusedBits: Int)
    /// A NULL with `length` content bytes; a NULL has none.
    case nonEmptyNull(length: Int)
    /// An OBJECT IDENTIFIER that is empty, has a redundantly encoded or unfinished arc, or an arc over 56 bits.
    case invalidObjectIdentifier
    /// `count` bytes were left after the last element the format has.
    case trailingBytes(count: Int)

    /// The error as one sentence a student can act on.
    public var description: String {
        switch self {
        case let .inputTooLarge(length, limit):
            "DER input of \(length) bytes is larger than the limit of \(limit) bytes"
        case let .truncated(needed, available):
            "truncated DER: an element needs \(needed) bytes but only \(available) remain"
        case let .unexpectedTag(found, expected):
            "expected \(Self.name(ofTag: expected)) but found \(Self.name(ofTag: found))"
        case .indefiniteLength:
            "an indefinite length (BER) is not allowed in DER"
        case .nonMinimalLength:
            "a length is not in its shortest form, as DER requires"
        case let .oversizedLength(lengthBytes):
            "a length field of \(lengthBytes) bytes announces more than any accepted input"
        case let .tooDeep(limit):
            "SEQUENCEs are nested more than \(limit) deep"
        case .emptyInteger:
            "an INTEGER has no content bytes"
        case .nonMinimalInteger:
            "an INTEGER has a redundant leading byte, which DER forbids"
        case .negativeInteger:
            "an INTEGER is negative where an unsigned number is expected"
        case let .integerTooLarge(bits, limit):
            "an INTEGER of \(bits) bits is larger than the limit of \(limit) bits"
        case let .invalidBitString(unusedBits):
            "a BIT STRING with \(unusedBits) unused bits where whole bytes are expected"
        case let .nonEmptyNull(length):
            "a NULL has \(length) content bytes; it must have none"
        case .invalidObjectIdentifier:
            "an OBJECT IDENTIFIER is malformed"
        case let .trailingBytes(count):
            "\(count) unexpected bytes after the end of the DER structure"
        }
    }

    /// A tag as people read it in an ASN.1 dump: "an INTEGER (tag 0x02)".
    private static func name(ofTag tag: UInt8) -> String {
        let hex = [tag].hex
        return switch DERTag(rawValue: tag) {
        case .integer: "an INTEGER (tag 0x\(hex))"
        case .bitString: "a BIT STRING (tag 0x\(hex))"
        case .octetString: "an OCTET STRING (tag 0x\(hex))"
        case .null: "a NULL (tag 0x\(hex))"
        case .objectIdentifier: "an OBJECT IDENTIFIER (tag 0x\(hex))"
        case .sequence: "a SEQUENCE (tag 0x\(hex))"
        case nil: "tag 0x\(hex)"
        }
    }
}
