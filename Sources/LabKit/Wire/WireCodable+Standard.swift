// Wire forms of the standard types: unsigned integers and counts as varints, signed integers zigzag-encoded,
// strings and byte arrays with a length prefix, optionals with a presence byte.

extension UInt8: WireCodable {
    public func encode(to writer: inout WireWriter) { writer.writeFixed(self) }
    public init(from reader: inout WireReader) throws(WireError) { self = try reader.readFixed(field: "UInt8") }
}

extension UInt16: WireCodable {
    public func encode(to writer: inout WireWriter) { writer.writeVarint(UInt64(self)) }
    public init(from reader: inout WireReader) throws(WireError) {
        let raw = try reader.readVarint(field: "UInt16")
        guard let value = UInt16(exactly: raw) else { throw .invalidValue(field: "UInt16", reason: "\(raw) is out of range") }
        self = value
    }
}

extension UInt32: WireCodable {
    public func encode(to writer: inout WireWriter) { writer.writeVarint(UInt64(self)) }
    public init(from reader: inout WireReader) throws(WireError) {
        let raw = try reader.readVarint(field: "UInt32")
        guard let value = UInt32(exactly: raw) else { throw .invalidValue(field: "UInt32", reason: "\(raw) is out of range") }
        self = value
    }
}

extension UInt64: WireCodable {
    public func encode(to writer: inout WireWriter) { writer.writeVarint(self) }
    public init(from reader: inout WireReader) throws(WireError) { self = try reader.readVarint(field: "UInt64") }
}

extension Int64: WireCodable {
    public func encode(to writer: inout WireWriter) {
        writer.writeVarint(UInt64(bitPattern: (self << 1) ^ (self >> 63)))
    }
    public init(from reader: inout WireReader) throws(WireError) {
        let raw = try reader.readVarint(field: "Int64")
        self = Int64(bitPattern: raw >> 1) ^ -Int64(bitPattern: raw & 1)
    }
}

extension Int: WireCodable {
    public func encode(to writer: inout WireWriter) { writer.write(Int64(self)) }
    public init(from reader: inout WireReader) throws(WireError) {
        let wide = try Int64(from: &reader)
        guard let value = Int(exactly: wide) else { throw .invalidValue(field: "Int", reason: "\(wide) is out of range") }
        self = value
    }
}

extension Bool: WireCodable {
    public func encode(to writer: inout WireWriter) { writer.writeFixed(UInt8(self ? 1 : 0)) }
    public init(from reader: inout WireReader) throws(WireError) {
        switch try reader.readFixed(UInt8.self, field: "Bool") {
        case 0: self = false
        case 1: self = true
        case let other: throw .invalidValue(field: "Bool", reason: "byte \(other) is neither 0 nor 1")
        }
    }
}

extension String: WireCodable {
    public func encode(to writer: inout WireWriter) { writer.writeBytes(utf8) }
    public init(from reader: inout WireReader) throws(WireError) {
        self = try reader.readString(maxLength: reader.limits.maxBytes, field: "String")
    }
}

extension Optional: WireCodable where Wrapped: WireCodable {
    public func encode(to writer: inout WireWriter) {
        switch self {
        case .none: writer.writeFixed(UInt8(0))
        case .some(let value): writer.writeFixed(UInt8(1)); writer.write(value)
        }
    }
    public init(from reader: inout WireReader) throws(WireError) {
        switch try reader.readFixed(UInt8.self, field: "Optional") {
        case 0: self = .none
        case 1: self = .some(try Wrapped(from: &reader))
        case let other: throw .invalidValue(field: "Optional", reason: "presence byte \(other) is neither 0 nor 1")
        }
    }
}

extension Array: WireCodable where Element: WireCodable {
    public func encode(to writer: inout WireWriter) {
        writer.writeVarint(UInt64(count))
        for element in self { writer.write(element) }
    }
    public init(from reader: inout WireReader) throws(WireError) {
        self = try reader.readArray(maxCount: reader.limits.maxElements, field: "[\(Element.self)]")
    }
}

extension Duration: WireCodable {
    /// Durations travel as whole nanoseconds (zigzag varint).
    public func encode(to writer: inout WireWriter) { writer.write(nanoseconds) }
    public init(from reader: inout WireReader) throws(WireError) { self = .nanoseconds(try Int64(from: &reader)) }
}

extension Duration {
    /// This duration in whole nanoseconds, saturating at the bounds of `Int64` (about 292 years).
    public var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        guard !overflow else { return seconds < 0 ? .min : .max }
        let (total, sumOverflow) = scaled.addingReportingOverflow(attoseconds / 1_000_000_000)
        guard !sumOverflow else { return seconds < 0 ? .min : .max }
        return total
    }
}
