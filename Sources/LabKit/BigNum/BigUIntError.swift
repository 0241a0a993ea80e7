/// Why a `BigUInt` operation refused its input, instead of trapping: every value that comes from outside
/// (bytes, text, a peer's key) goes through an API that throws one of these.
///
/// Each case prints as a sentence, for example `tooLarge(bits: 20_000, limit: 16_384)` reads
/// "a number of 20000 bits is larger than the limit of 16384 bits".
public enum BigUIntError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A subtraction `a - b` with `a < b`: unsigned numbers have no negative result.
    case negativeDifference
    /// A division, remainder or reduction by zero.
    case divisionByZero
    /// Montgomery arithmetic was asked for an even modulus; it works only modulo odd numbers.
    case evenModulus
    /// A parsed number (or a requested random size) has `bits` bits, more than `limit` (`BigUIntLimits.maximumBits`).
    case tooLarge(bits: Int, limit: Int)
    /// A number needing `bytes` bytes was to be written in a fixed `width` that is too small.
    case doesNotFit(bytes: Int, width: Int)
    /// Hex text held something other than a hex digit at byte `offset` of its UTF-8, or was empty (offset 0).
    case invalidHex(offset: Int)
    /// A random number below zero was asked for: there is none.
    case emptyRange
    /// A random number of `bitCount` bits was asked for; the count must be in 1…`limit`.
    case invalidBitCount(Int, limit: Int)

    /// The error as one sentence a student can act on.
    public var description: String {
        switch self {
        case .negativeDifference:
            "the difference would be negative: an unsigned a - b needs a ≥ b"
        case .divisionByZero:
            "division by zero: the divisor or modulus must not be zero"
        case .evenModulus:
            "Montgomery arithmetic needs an odd modulus, but this one is even"
        case let .tooLarge(bits, limit):
            "a number of \(bits) bits is larger than the limit of \(limit) bits"
        case let .doesNotFit(bytes, width):
            "a number of \(bytes) bytes does not fit in \(width) bytes"
        case let .invalidHex(offset):
            "invalid hex at character \(offset): expected at least one of 0-9, a-f, A-F and nothing else"
        case .emptyRange:
            "there is no number below zero to choose"
        case let .invalidBitCount(count, limit):
            "a random number of \(count) bits was asked for; the count must be in 1…\(limit)"
        }
    }
}
