/// Why a cryptographic call refused its input. `ChaChaPoly.open` throws `authenticationFailed` for any
/// forged, corrupted or misaddressed message; the other cases are programming mistakes such as a key of the wrong size.
///
/// Each case prints as a sentence a student can act on, for example
/// `invalidKeyLength(16, expected: 32)` reads "a key must be 32 bytes, but this one has 16".
public enum CryptoError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A key of this many bytes was given where exactly `expected` are needed.
    case invalidKeyLength(Int, expected: Int)
    /// A nonce of this many bytes was given where exactly `expected` are needed.
    case invalidNonceLength(Int, expected: Int)
    /// A tag of this many bytes was given where exactly `expected` are needed (tags are never truncated).
    case invalidTagLength(Int, expected: Int)
    /// A sealed message of `length` bytes is shorter than the `minimum` its tag alone takes: it was cut short.
    case truncated(length: Int, minimum: Int)
    /// The tag does not match: the key or nonce is wrong, or the ciphertext, tag or associated data was changed.
    case authenticationFailed

    /// The error as one sentence a student can act on.
    public var description: String {
        switch self {
        case let .invalidKeyLength(length, expected):
            "a key must be \(expected) bytes, but this one has \(length)"
        case let .invalidNonceLength(length, expected):
            "a nonce must be \(expected) bytes, but this one has \(length)"
        case let .invalidTagLength(length, expected):
            "a tag must be \(expected) bytes, but this one has \(length)"
        case let .truncated(length, minimum):
            "a sealed message of \(length) bytes is too short: it needs at least \(minimum) bytes for its tag"
        case .authenticationFailed:
            "authentication failed: wrong key or nonce, or the message or its associated data was altered"
        }
    }
}
