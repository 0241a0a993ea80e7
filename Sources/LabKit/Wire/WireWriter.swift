/// Builds the binary form of a message: fixed-width integers are big-endian, lengths and counts are LEB128
/// varints, strings are UTF-8 with a length prefix.
public struct WireWriter: Sendable {
    @usableFromInline var storage: [UInt8]

    /// The bytes written so far.
    public var bytes: [UInt8] { storage }

    public init(capacity: Int = 64) {
        storage = []
        storage.reserveCapacity(capacity)
    }

    /// Writes any codable value (integers, strings, arrays, optionals, messages…).
    @inlinable
    public mutating func write(_ value: some WireCodable) {
        value.encode(to: &self)
    }

    /// Writes `value` as a fixed-width big-endian integer.
    @inlinable
    public mutating func writeFixed<T: FixedWidthInteger>(_ value: T) {
        var big = value.bigEndian
        withUnsafeBytes(of: &big) { storage.append(contentsOf: $0) }
    }

    /// Writes an unsigned LEB128 varint: 1 byte below 128, at most 10 bytes.
    @inlinable
    public mutating func writeVarint(_ value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            storage.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        storage.append(UInt8(rest))
    }

    /// Writes raw bytes with no length prefix (the reader must know how many to expect).
    @inlinable
    public mutating func writeRaw(_ raw: some Collection<UInt8>) {
        storage.append(contentsOf: raw)
    }

    /// Writes bytes preceded by their count.
    @inlinable
    public mutating func writeBytes(_ raw: some Collection<UInt8>) {
        writeVarint(UInt64(raw.count))
        storage.append(contentsOf: raw)
    }
}
