/// Why a byte sequence could not be decoded. Every decoder in the kit reports one of these instead of crashing.
///
/// Each case carries what a student needs to act on it and prints as a sentence:
/// `frameTooLarge(length: 9_000_000, limit: 1_048_576)` reads
/// "frame of 9000000 bytes exceeds the limit of 1048576 bytes".
public enum WireError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The input ended before `field` was complete: `needed` more bytes were required, `available` were left.
    case truncated(field: String, needed: Int, available: Int)
    /// A length prefix announced more bytes than the codec or framer allows; nothing was allocated for it.
    case frameTooLarge(length: Int, limit: Int)
    /// A length-prefixed field or a collection announced more elements than its limit.
    case lengthTooLarge(field: String, length: Int, limit: Int)
    /// A string field did not hold valid UTF-8.
    case invalidUTF8(field: String)
    /// An enum tag byte named no known case of `type`.
    case unknownTag(type: String, tag: UInt64)
    /// A value was well-formed but out of its allowed range (a Bool other than 0/1, an over-long varint, …).
    case invalidValue(field: String, reason: String)
    /// A message decoded fully but bytes were left over: the sender and receiver disagree on the format.
    case trailingBytes(type: String, count: Int)

    public var description: String {
        switch self {
        case let .truncated(field, needed, available):
            "truncated input: \(field) needs \(needed) bytes but only \(available) remain"
        case let .frameTooLarge(length, limit):
            "frame of \(length) bytes exceeds the limit of \(limit) bytes"
        case let .lengthTooLarge(field, length, limit):
            "\(field) announces \(length) elements, more than the limit of \(limit)"
        case let .invalidUTF8(field):
            "\(field) is not valid UTF-8"
        case let .unknownTag(type, tag):
            "unknown \(type) tag \(tag)"
        case let .invalidValue(field, reason):
            "invalid \(field): \(reason)"
        case let .trailingBytes(type, count):
            "\(count) unexpected bytes after a complete \(type)"
        }
    }
}
