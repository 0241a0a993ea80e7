/// SHA-256 (FIPS 180-4), incremental: feed bytes in any pieces, then take the 32-byte digest.
///
/// ```swift
/// let digest = SHA256.hash(Array("abc".utf8))        // ba7816bf…
/// var hasher = SHA256()
/// hasher.update(chunk1); hasher.update(chunk2)
/// let same = hasher.finalize()
/// ```
/// Whole 64-byte blocks are hashed straight from the caller's memory; only the tail of an update that
/// does not fill a block is copied, into a buffer inside the value. Nothing is allocated until `finalize`.
public struct SHA256: Sendable {
    /// Bytes in a digest.
    public static let digestLength = 32

    /// Bytes in a block: the compression function consumes the message in pieces of this size.
    static let blockLength = 64

    /// The eight working words H0…H7, updated by every block.
    typealias State = (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32)

    /// 64 bytes of storage that lives inside the value (no heap), for a partial block.
    typealias BlockBuffer = (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64)

    private var state: State = (0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19)
    /// The first `length % 64` bytes are the start of a block not hashed yet.
    private var pending: BlockBuffer = (0, 0, 0, 0, 0, 0, 0, 0)
    /// Message bytes so far.
    private var length: UInt64 = 0
    /// How blocks are compressed.
    private let engine: Engine

    /// A hasher for an empty message, on the fastest engine this CPU has.
    public init() { engine = .fastest }

    /// A hasher for an empty message on `engine`, which MUST be in `Engine.available`.
    package init(engine: Engine) {
        precondition(Engine.available.contains(engine), "SHA-256 engine \(engine) is not available on this CPU")
        self.engine = engine
    }

    /// The digest of `bytes`.
    public static func hash(_ bytes: some Collection<UInt8>) -> [UInt8] {
        var hasher = SHA256()
        let hashedInPlace: Void? = bytes.withContiguousStorageIfAvailable { hasher.update(UnsafeRawBufferPointer($0)) }
        if hashedInPlace == nil { hasher.update(Array(bytes)) }
        return hasher.finalize()
    }

    /// Adds `bytes` to the message.
    public mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// Adds the bytes of `buffer` to the message (no copy for whole blocks).
    public mutating func update(_ buffer: UnsafeRawBufferPointer) {
        guard let base = buffer.baseAddress, !buffer.isEmpty else { return }
        let count = buffer.count
        let used = Int(length % UInt64(Self.blockLength))
        length &+= UInt64(count)
        var offset = 0
        if used > 0 {
            offset = min(Self.blockLength - used, count)
            withUnsafeMutableBytes(of: &pending) { $0.baseAddress!.advanced(by: used).copyMemory(from: base, byteCount: offset) }
            guard used + offset == Self.blockLength else { return }
            var block = pending
            withUnsafeBytes(of: &block) { Self.compress(&state, $0.baseAddress!, blocks: 1, engine: engine) }
        }
        let blocks = (count - offset) / Self.blockLength
        if blocks > 0 {
            Self.compress(&state, base + offset, blocks: blocks, engine: engine)
            offset += blocks * Self.blockLength
        }
        if offset < count {
            withUnsafeMutableBytes(of: &pending) { $0.baseAddress!.copyMemory(from: base + offset, byteCount: count - offset) }
        }
    }

    /// Pads the message and returns its 32-byte digest; the hasher should not be used afterwards.
    public mutating func finalize() -> [UInt8] {
        // Padding: 0x80, zeros up to 56 mod 64, then the length in bits as a big-endian UInt64.
        let used = Int(length % UInt64(Self.blockLength))
        let tailLength = used < 56 ? Self.blockLength : 2 * Self.blockLength
        var tail: (BlockBuffer, BlockBuffer) = (pending, (0, 0, 0, 0, 0, 0, 0, 0))
        withUnsafeMutableBytes(of: &tail) { bytes in
            bytes[used] = 0x80
            for index in (used + 1)..<(tailLength - 8) { bytes[index] = 0 }
            bytes.storeBytes(of: (length &* 8).bigEndian, toByteOffset: tailLength - 8, as: UInt64.self)
            Self.compress(&state, UnsafeRawPointer(bytes.baseAddress!), blocks: tailLength / Self.blockLength, engine: engine)
        }
        var words = state
        return withUnsafeMutableBytes(of: &words) { bytes in
            let big = bytes.bindMemory(to: UInt32.self)
            for index in big.indices { big[index] = big[index].bigEndian }
            return Array(bytes)
        }
    }
}
