/// MGF1 (RFC 8017 B.2.1) with SHA-256: stretches a seed into a mask of any length, as RSA-OAEP and RSA-PSS
/// use to hide a message block under a hash of the seed and the seed under a hash of the block.
///
/// ```swift
/// let mask = try MGF1.sha256(seed: seed, outputLength: 223)   // SHA256(seed ‖ 0) ‖ SHA256(seed ‖ 1) ‖ … cut to 223 bytes
/// ```
public enum MGF1 {
    /// The longest mask MGF1 here produces: 65,536 bytes, far above any RSA mask (under 2,048 bytes for a
    /// 16,384-bit key) and far below the RFC's 2³² blocks, so that a mistaken length cannot exhaust memory.
    public static let maximumOutputLength = 65_536

    /// The first `outputLength` bytes of `SHA256(seed ‖ C(0)) ‖ SHA256(seed ‖ C(1)) ‖ …`, where `C(i)` is the
    /// counter as four big-endian bytes; a length outside 0…65,536 throws `LengthError` (never a trap, since
    /// OAEP computes it from a key that may be hostile).
    public static func sha256(seed: [UInt8], outputLength: Int) throws(LengthError) -> [UInt8] {
        guard (0...maximumOutputLength).contains(outputLength) else {
            throw LengthError(length: outputLength, limit: maximumOutputLength)
        }
        var mask: [UInt8] = []
        mask.reserveCapacity(outputLength)
        var counter: UInt32 = 0
        while mask.count < outputLength {
            var hasher = SHA256()
            hasher.update(seed)
            hasher.update(withUnsafeBytes(of: counter.bigEndian) { Array($0) })
            mask += hasher.finalize().prefix(outputLength - mask.count)
            counter += 1
        }
        return mask
    }

    /// A mask length outside 0…`limit` was asked for (RFC 8017's "mask too long", or a negative length).
    public struct LengthError: Error, Equatable, Sendable, CustomStringConvertible {
        /// The length asked for.
        public let length: Int
        /// The longest mask allowed (`maximumOutputLength`).
        public let limit: Int

        /// The error as one sentence.
        public var description: String { "an MGF1 mask of \(length) bytes was asked for; it must be 0…\(limit) bytes" }
    }
}
