/// Reads DER (the distinguished encoding of ASN.1) one element at a time, for the few types keys use.
/// Bounded: the input, the nesting and every number have limits, and anything not in DER's one canonical
/// form throws a `DERError`.
///
/// ```swift
/// let (n, e) = try DERReader.read(der) { reader throws(DERError) in
///     try reader.readSequence { key throws(DERError) in (try key.readInteger(), try key.readInteger()) }
/// }
/// ```
public struct DERReader {
    /// The longest input accepted: 64 KiB, several times a 16,384-bit RSA private key (about 9.4 KiB).
    public static let maximumInputLength = 65_536
    /// The deepest nesting of SEQUENCEs accepted; keys need 2.
    public static let maximumDepth = 8

    /// The whole input; this reader owns `bytes[position..<end]`.
    private let bytes: [UInt8]
    private var position: Int
    private let end: Int
    /// How many SEQUENCEs enclose this reader.
    private let depth: Int

    private init(bytes: [UInt8], position: Int, end: Int, depth: Int) {
        (self.bytes, self.position, self.end, self.depth) = (bytes, position, end, depth)
    }

    /// Reads all of `der` with `body`, which reads the elements in order; bytes left over throw `trailingBytes`.
    public static func read<Result>(_ der: [UInt8], _ body: (inout DERReader) throws(DERError) -> Result) throws(DERError) -> Result {
        guard der.count <= maximumInputLength else { throw .inputTooLarge(length: der.count, limit: maximumInputLength) }
        var reader = DERReader(bytes: der, position: 0, end: der.count, depth: 0)
        let result = try body(&reader)
        try reader.finish()
        return result
    }

    /// Whether every element has been read.
    public var isAtEnd: Bool { position == end }

    /// Reads a SEQUENCE, its elements with `body`; elements `body` leaves unread throw `trailingBytes`.
    public mutating func readSequence<Result>(_ body: (inout DERReader) throws(DERError) -> Result) throws(DERError) -> Result {
        guard depth < Self.maximumDepth else { throw .tooDeep(limit: Self.maximumDepth) }
        let content = try readElement(.sequence)
        var inner = DERReader(bytes: bytes, position: content.lowerBound, end: content.upperBound, depth: depth + 1)
        let result = try body(&inner)
        try inner.finish()
        return result
    }

    /// Reads a non-negative INTEGER of at most `BigUIntLimits.maximumBits` bits.
    public mutating func readInteger() throws(DERError) -> BigUInt {
        let content = try readUnsignedIntegerContent()
        let bits = BigUInt.bitLength(ofBigEndian: content)
        guard bits <= BigUIntLimits.maximumBits else { throw .integerTooLarge(bits: bits, limit: BigUIntLimits.maximumBits) }
        return BigUInt(unboundedBigEndian: content)
    }

    /// Reads a non-negative INTEGER small enough for an `Int`, such as a structure's version.
    public mutating func readSmallInteger() throws(DERError) -> Int {
        let content = try readUnsignedIntegerContent().drop { $0 == 0 }
        guard content.count < 8 else { throw .integerTooLarge(bits: content.count * 8, limit: 56) }
        return content.reduce(0) { $0 << 8 | Int($1) }
    }

    /// Reads an OCTET STRING's bytes.
    public mutating func readOctetString() throws(DERError) -> [UInt8] {
        Array(bytes[try readElement(.octetString)])
    }

    /// Reads a BIT STRING of whole bytes (no unused bits), as a key inside SubjectPublicKeyInfo is.
    public mutating func readBitString() throws(DERError) -> [UInt8] {
        let content = try readElement(.bitString)
        guard let unusedBits = content.first.map({ bytes[$0] }) else { throw .truncated(needed: 1, available: 0) }
        guard unusedBits == 0 else { throw .invalidBitString(unusedBits: Int(unusedBits)) }
        return Array(bytes[content.dropFirst()])
    }

    /// Reads a NULL.
    public mutating func readNull() throws(DERError) {
        let content = try readElement(.null)
        guard content.isEmpty else { throw .nonEmptyNull(length: content.count) }
    }

    /// Reads an OBJECT IDENTIFIER.
    public mutating func readObjectIdentifier() throws(DERError) -> OID {
        let content = bytes[try readElement(.objectIdentifier)]
        var subidentifiers: [UInt64] = []
        var value: UInt64 = 0, digits = 0
        for byte in content {
            // Each subidentifier is base 128, high bit = more to come, with no leading zero digit; 8 digits = 56 bits.
            guard !(digits == 0 && byte == 0x80), digits < 8 else { throw .invalidObjectIdentifier }
            value = value << 7 | UInt64(byte & 0x7F)
            digits += 1
            if byte & 0x80 == 0 {
                subidentifiers.append(value)
                (value, digits) = (0, 0)
            }
        }
        guard digits == 0, let first = subidentifiers.first else { throw .invalidObjectIdentifier }
        let (root, second) = first < 80 ? (first / 40, first % 40) : (2, first - 80)
        return OID(validArcs: [root, second] + subidentifiers.dropFirst())
    }

    /// Throws `trailingBytes` unless every element has been read.
    public func finish() throws(DERError) {
        guard isAtEnd else { throw .trailingBytes(count: end - position) }
    }

    /// The content of an INTEGER that must not be negative, in its minimal form.
    private mutating func readUnsignedIntegerContent() throws(DERError) -> ArraySlice<UInt8> {
        let content = bytes[try readElement(.integer)]
        guard let first = content.first else { throw .emptyInteger }
        guard first & 0x80 == 0 else { throw .negativeInteger }
        if first == 0, content.count > 1, content[content.startIndex + 1] & 0x80 == 0 { throw .nonMinimalInteger }
        return content
    }

    /// Reads the header of an element that must have tag `tag`, and returns where its content lies, now consumed.
    private mutating func readElement(_ tag: DERTag) throws(DERError) -> Range<Int> {
        guard position < end else { throw .truncated(needed: 2, available: 0) }
        guard bytes[position] == tag.rawValue else { throw .unexpectedTag(found: bytes[position], expected: tag.rawValue) }
        guard position + 1 < end else { throw .truncated(needed: 1, available: 0) }
        var cursor = position + 2
        let first = bytes[position + 1]
        var length = Int(first)
        if first == 0x80 { throw .indefiniteLength }
        if first > 0x80 {
            let lengthBytes = Int(first & 0x7F)
            guard lengthBytes <= 4 else { throw .oversizedLength(lengthBytes: lengthBytes) }
            guard cursor + lengthBytes <= end else { throw .truncated(needed: lengthBytes, available: end - cursor) }
            length = bytes[cursor..<cursor + lengthBytes].reduce(0) { $0 << 8 | Int($1) }
            guard bytes[cursor] != 0, length >= 0x80 else { throw .nonMinimalLength }
            cursor += lengthBytes
        }
        guard length <= end - cursor else { throw .truncated(needed: length, available: end - cursor) }
        position = cursor + length
        return cursor..<cursor + length
    }
}
