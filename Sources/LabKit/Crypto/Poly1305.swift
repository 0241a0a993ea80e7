/// The Poly1305 one-time authenticator (RFC 8439 §2.5): a 32-byte one-time key and a message give a 16-byte tag.
///
/// A key MUST authenticate one message only: two tags under one key let an attacker forge others. `ChaChaPoly`
/// makes a fresh key for every message from its key and nonce; use this type directly only to follow the RFC.
///
/// ```swift
/// let tag = try Poly1305.authenticate(message, key: oneTimeKey)
/// var mac = try Poly1305(key: oneTimeKey)
/// mac.update(part1); mac.update(part2)
/// let same = mac.finalize()
/// ```
///
/// Arithmetic is modulo 2¹³⁰ − 5 on two 64-bit limbs and a small third one, multiplying with 64×64→128-bit
/// products; carries and the final reduction are computed with masks, never with branches on secret values.
public struct Poly1305: Sendable {
    /// Bytes in a key: 16 for the multiplier `r`, then 16 for the final addend `s`.
    public static let keyLength = 32
    /// Bytes in a tag.
    public static let tagLength = 16

    /// The accumulator `h = h0 + h1·2⁶⁴ + h2·2¹²⁸`, kept below about 2¹³¹ between blocks (partially reduced).
    private var h0: UInt64 = 0, h1: UInt64 = 0, h2: UInt64 = 0
    /// The clamped multiplier `r = r0 + r1·2⁶⁴`, and `r1 + r1/4`, which multiplies parts that wrap past 2¹³⁰.
    private let r0: UInt64, r1: UInt64, r1Times5Over4: UInt64
    /// The addend `s = s0 + s1·2⁶⁴`.
    private let s0: UInt64, s1: UInt64
    /// Bytes given to `update` that do not yet fill a 16-byte block, and how many there are.
    private var pending: (UInt64, UInt64) = (0, 0)
    private var pendingCount = 0

    /// An authenticator for a 32-byte one-time `key`; any other length throws.
    public init(key: [UInt8]) throws(CryptoError) {
        guard key.count == Self.keyLength else { throw .invalidKeyLength(key.count, expected: Self.keyLength) }
        self = key.withUnsafeBytes { Poly1305(key: $0.baseAddress!) }
    }

    /// An authenticator for the 32 key bytes at `key`.
    init(key: UnsafeRawPointer) {
        func word(_ index: Int) -> UInt64 { UInt64(littleEndian: key.loadUnaligned(fromByteOffset: 8 * index, as: UInt64.self)) }
        // Clamping (§2.5): r &= 0x0ffffffc_0ffffffc_0ffffffc_0fffffff. It keeps products small and r1 a multiple of 4.
        r0 = word(0) & 0x0fff_fffc_0fff_ffff
        r1 = word(1) & 0x0fff_fffc_0fff_fffc
        r1Times5Over4 = r1 &+ (r1 >> 2)
        s0 = word(2)
        s1 = word(3)
    }

    /// The tag of `message` under the 32-byte one-time `key`.
    public static func authenticate(_ message: [UInt8], key: [UInt8]) throws(CryptoError) -> [UInt8] {
        var mac = try Poly1305(key: key)
        mac.update(message)
        return mac.finalize()
    }

    /// Adds `bytes` to the message; pieces of any size give the same tag as the whole.
    public mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// Adds the bytes of `buffer` to the message, whole blocks straight from the buffer.
    mutating func update(_ buffer: UnsafeRawBufferPointer) {
        guard var next = buffer.baseAddress, !buffer.isEmpty else { return }
        var remaining = buffer.count
        if pendingCount > 0 {
            let take = min(16 - pendingCount, remaining)
            let start = pendingCount
            withUnsafeMutableBytes(of: &pending) { $0.baseAddress!.advanced(by: start).copyMemory(from: next, byteCount: take) }
            pendingCount += take
            next += take
            remaining -= take
            guard pendingCount == 16 else { return }
            let block = pending
            withUnsafeBytes(of: block) { absorb($0.baseAddress!, blocks: 1, highBit: 1) }
            pendingCount = 0
        }
        let blocks = remaining / 16
        absorb(next, blocks: blocks, highBit: 1)
        next += 16 * blocks
        remaining -= 16 * blocks
        if remaining > 0 {
            withUnsafeMutableBytes(of: &pending) { $0.baseAddress!.copyMemory(from: next, byteCount: remaining) }
            pendingCount = remaining
        }
    }

    /// The 16-byte tag of everything given to `update`; the authenticator should not be used afterwards.
    public mutating func finalize() -> [UInt8] {
        if pendingCount > 0 {
            // A short last block gets a 1 byte after its end and zeros above, instead of the 2¹²⁸ bit (§2.5).
            var last: (UInt64, UInt64) = (0, 0)
            let count = pendingCount
            let block = pending
            withUnsafeMutableBytes(of: &last) { last in
                withUnsafeBytes(of: block) { last.baseAddress!.copyMemory(from: $0.baseAddress!, byteCount: count) }
                last[count] = 1
            }
            withUnsafeBytes(of: last) { absorb($0.baseAddress!, blocks: 1, highBit: 0) }
            pendingCount = 0
        }
        let (t0, t1) = tag()
        return [UInt8](unsafeUninitializedCapacity: Self.tagLength) { buffer, count in
            let bytes = UnsafeMutableRawPointer(buffer.baseAddress!)
            bytes.storeBytes(of: t0.littleEndian, as: UInt64.self)
            bytes.storeBytes(of: t1.littleEndian, toByteOffset: 8, as: UInt64.self)
            count = Self.tagLength
        }
    }

    /// Absorbs `buffer` followed by zeros up to a multiple of 16 bytes: `x | pad16(x)` of the AEAD (§2.8).
    /// Only for whole-block use, as `ChaChaPoly` does: nothing may be pending from `update`.
    mutating func absorbPadded(_ buffer: UnsafeRawBufferPointer) {
        guard let base = buffer.baseAddress, !buffer.isEmpty else { return }
        let blocks = buffer.count / 16
        absorb(base, blocks: blocks, highBit: 1)
        let rest = buffer.count - 16 * blocks
        if rest > 0 {
            var last: (UInt64, UInt64) = (0, 0)
            withUnsafeMutableBytes(of: &last) { $0.baseAddress!.copyMemory(from: base + 16 * blocks, byteCount: rest) }
            withUnsafeBytes(of: last) { absorb($0.baseAddress!, blocks: 1, highBit: 1) }
        }
    }

    /// Absorbs one block of two little-endian 64-bit numbers, as the AEAD's closing lengths block.
    mutating func absorb(_ low: UInt64, _ high: UInt64) {
        let block = (low.littleEndian, high.littleEndian)
        withUnsafeBytes(of: block) { absorb($0.baseAddress!, blocks: 1, highBit: 1) }
    }

    /// `h = (h + block + highBit·2¹²⁸) · r mod 2¹³⁰ − 5` for each 16-byte block at `bytes` (partially reduced).
    @inline(__always)
    mutating func absorb(_ bytes: UnsafeRawPointer, blocks: Int, highBit: UInt64) {
        var (h0, h1, h2) = (self.h0, self.h1, self.h2)
        let (r0, r1, r1Times5Over4) = (self.r0, self.r1, self.r1Times5Over4)
        var next = bytes
        for _ in 0..<blocks {
            // h += block
            let m0 = UInt64(littleEndian: next.loadUnaligned(as: UInt64.self))
            let m1 = UInt64(littleEndian: next.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
            let sum0 = UInt128(h0) &+ UInt128(m0)
            let sum1 = UInt128(h1) &+ UInt128(m1) &+ (sum0 >> 64)
            h0 = UInt64(truncatingIfNeeded: sum0)
            h1 = UInt64(truncatingIfNeeded: sum1)
            h2 = h2 &+ UInt64(truncatingIfNeeded: sum1 >> 64) &+ highBit
            // h *= r. A product at 2¹²⁸ with r1 (a multiple of 4) is (r1/4)·2¹³⁰ ≡ 5·r1/4 (mod p): fold it down.
            let d0 = UInt128(h0) &* UInt128(r0) &+ UInt128(h1) &* UInt128(r1Times5Over4)
            let d1 = UInt128(h0) &* UInt128(r1) &+ UInt128(h1) &* UInt128(r0) &+ UInt128(h2 &* r1Times5Over4) &+ (d0 >> 64)
            let d2 = h2 &* r0 &+ UInt64(truncatingIfNeeded: d1 >> 64)
            // Partial reduction: the bits of d2 above 2¹³⁰ come back as ×5, since 2¹³⁰ ≡ 5 (mod p).
            let fold0 = UInt128(UInt64(truncatingIfNeeded: d0)) &+ UInt128((d2 >> 2) &* 5)
            let fold1 = UInt128(UInt64(truncatingIfNeeded: d1)) &+ (fold0 >> 64)
            h0 = UInt64(truncatingIfNeeded: fold0)
            h1 = UInt64(truncatingIfNeeded: fold1)
            h2 = (d2 & 3) &+ UInt64(truncatingIfNeeded: fold1 >> 64)
            next += 16
        }
        (self.h0, self.h1, self.h2) = (h0, h1, h2)
    }

    /// `(h mod p) + s mod 2¹²⁸` as two little-endian halves: the tag of the blocks absorbed so far.
    func tag() -> (UInt64, UInt64) {
        // h < 2¹³¹ here, so h mod p is h or h − p; h − p is h + 5 − 2¹³⁰, chosen when h + 5 reaches 2¹³⁰.
        let g0 = UInt128(h0) &+ 5
        let g1 = UInt128(h1) &+ (g0 >> 64)
        let g2 = h2 &+ UInt64(truncatingIfNeeded: g1 >> 64)
        let useG = 0 &- (g2 >> 2)  // all ones or all zeros, no branch
        let f0 = (h0 & ~useG) | (UInt64(truncatingIfNeeded: g0) & useG)
        let f1 = (h1 & ~useG) | (UInt64(truncatingIfNeeded: g1) & useG)
        let t0 = UInt128(f0) &+ UInt128(s0)
        let t1 = UInt128(f1) &+ UInt128(s1) &+ (t0 >> 64)
        return (UInt64(truncatingIfNeeded: t0), UInt64(truncatingIfNeeded: t1))
    }

    /// Whether the 16 bytes at `expected` are this tag, compared in constant time (every byte, no early exit).
    func tagMatches(_ expected: UnsafeRawPointer) -> Bool {
        let (t0, t1) = tag()
        let e0 = UInt64(littleEndian: expected.loadUnaligned(as: UInt64.self))
        let e1 = UInt64(littleEndian: expected.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
        return (t0 ^ e0) | (t1 ^ e1) == 0
    }
}
