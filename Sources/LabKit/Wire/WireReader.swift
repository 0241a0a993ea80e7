/// Reads the binary form written by ``WireWriter``, checking every length against the input and the limits
/// before allocating, and reporting failures as ``WireError`` values.
public struct WireReader: Sendable {
    @usableFromInline let buffer: [UInt8]
    @usableFromInline var offset: Int
    /// The bounds enforced on strings, byte fields and collections.
    public let limits: WireLimits

    public init(_ bytes: [UInt8], limits: WireLimits = .standard) {
        buffer = bytes
        offset = 0
        self.limits = limits
    }

    /// How many bytes are left to read.
    public var remaining: Int { buffer.count - offset }

    /// Reads any codable value, its type inferred from the context: `let n: UInt32 = try reader.read()`.
    @inlinable
    public mutating func read<T: WireCodable>(_ type: T.Type = T.self) throws(WireError) -> T {
        try T(from: &self)
    }

    /// Reads a fixed-width big-endian integer.
    @inlinable
    public mutating func readFixed<T: FixedWidthInteger>(_ type: T.Type = T.self, field: @autoclosure () -> String = "\(T.self)") throws(WireError) -> T {
        let size = MemoryLayout<T>.size
        guard remaining >= size else { throw .truncated(field: field(), needed: size, available: remaining) }
        var value = T.zero
        for index in offset..<(offset + size) {
            value = (value << 8) | T(truncatingIfNeeded: buffer[index])
        }
        offset += size
        return value
    }

    /// Reads an unsigned LEB128 varint of at most 10 bytes.
    @inlinable
    public mutating func readVarint(field: @autoclosure () -> String = "varint") throws(WireError) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard offset < buffer.count else { throw .truncated(field: field(), needed: 1, available: 0) }
            let byte = buffer[offset]
            offset += 1
            if shift == 63 && byte > 1 {
                throw .invalidValue(field: field(), reason: "varint overflows 64 bits")
            }
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
    }

    /// Reads a length or count prefix and checks it against `limit` before anything is allocated.
    @inlinable
    public mutating func readLength(field: @autoclosure () -> String, limit: Int) throws(WireError) -> Int {
        let length = try readVarint(field: field())
        guard length <= UInt64(limit) else {
            throw .lengthTooLarge(field: field(), length: Int(clamping: length), limit: limit)
        }
        return Int(length)
    }

    /// An array of at most `maxCount` elements (and `limits.maxElements`), refused before anything is
    /// allocated when its count prefix says more: where a message states how long a list may be.
    public mutating func readArray<Element: WireCodable>(maxCount: Int, field: @autoclosure () -> String) throws(WireError) -> [Element] {
        let count = try readLength(field: field(), limit: min(maxCount, limits.maxElements))
        // Each element takes at least one byte, so a count beyond the input is truncated before we reserve.
        guard count <= remaining else { throw .truncated(field: field(), needed: count, available: remaining) }
        var elements: [Element] = []
        elements.reserveCapacity(count)
        for _ in 0..<count { elements.append(try Element(from: &self)) }
        return elements
    }

    /// Reads exactly `count` raw bytes.
    @inlinable
    public mutating func readRaw(count: Int, field: @autoclosure () -> String = "bytes") throws(WireError) -> ArraySlice<UInt8> {
        guard count >= 0, remaining >= count else {
            throw .truncated(field: field(), needed: count, available: remaining)
        }
        defer { offset += count }
        return buffer[offset..<(offset + count)]
    }

    /// Reads a byte field written by ``WireWriter/writeBytes(_:)``.
    @inlinable
    /// A UTF-8 string of at most `maxLength` bytes, refused before its bytes are read when it is longer.
    public mutating func readString(maxLength: Int, field: @autoclosure () -> String) throws(WireError) -> String {
        let count = try readLength(field: field(), limit: min(maxLength, limits.maxBytes))
        let raw = try readRaw(count: count, field: field())
        guard let text = String(validating: raw, as: UTF8.self) else { throw .invalidUTF8(field: field()) }
        return text
    }

    /// Text for a person — a name, an address, a search — of at most `maxLength` bytes and without control
    /// characters, refused otherwise: nothing read this way can forge a printed line or drive a terminal.
    public mutating func readText(maxLength: Int, field: @autoclosure () -> String) throws(WireError) -> String {
        let text = try readString(maxLength: maxLength, field: field())
        guard !text.containsControlCharacters else { throw .invalidValue(field: field(), reason: "it contains a control character") }
        return text
    }

    public mutating func readBytes(field: @autoclosure () -> String = "bytes") throws(WireError) -> [UInt8] {
        let count = try readLength(field: field(), limit: limits.maxBytes)
        return Array(try readRaw(count: count, field: field()))
    }
}
