/// The ChaCha20 stream cipher (RFC 8439 §2.3–2.4): a 32-byte key and a 12-byte nonce expand into a keystream of
/// 64-byte blocks that is XORed with the message, so the same call encrypts and decrypts.
///
/// A key and nonce pair MUST NOT encrypt two different messages (the XOR of the ciphertexts would be the XOR of
/// the plaintexts), and ChaCha20 alone does not detect tampering: to protect messages use `ChaChaPoly`.
///
/// ```swift
/// let cipher = try ChaCha20(key: key, nonce: nonce)
/// let ciphertext = cipher.encrypt(plaintext, counter: 1)
/// let same = cipher.encrypt(ciphertext, counter: 1)   // == plaintext
/// ```
public struct ChaCha20: Sendable {
    /// Bytes in a key.
    public static let keyLength = 32
    /// Bytes in a nonce.
    public static let nonceLength = 12
    /// Bytes in one keystream block; the keystream from counter `n` on is `block(counter: n)`, `block(counter: n + 1)`, …
    public static let blockLength = 64

    /// Several blocks computed at once, one block per lane: on x86-64 and arm64 this is one 128-bit register.
    typealias Lanes = SIMD4<UInt32>

    /// The key as eight little-endian words: state words 4–11.
    private let key: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32)
    /// The nonce as three little-endian words: state words 13–15.
    private let nonce: (UInt32, UInt32, UInt32)

    /// A cipher for `key` (32 bytes) and `nonce` (12 bytes); any other length throws.
    public init(key: [UInt8], nonce: [UInt8]) throws(CryptoError) {
        guard key.count == Self.keyLength else { throw .invalidKeyLength(key.count, expected: Self.keyLength) }
        guard nonce.count == Self.nonceLength else { throw .invalidNonceLength(nonce.count, expected: Self.nonceLength) }
        self = key.withUnsafeBytes { key in
            nonce.withUnsafeBytes { nonce in ChaCha20(key: key.baseAddress!, nonce: nonce.baseAddress!) }
        }
    }

    /// A cipher for the 32 key bytes at `key` and the 12 nonce bytes at `nonce`.
    init(key: UnsafeRawPointer, nonce: UnsafeRawPointer) {
        func word(_ bytes: UnsafeRawPointer, _ index: Int) -> UInt32 {
            UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: 4 * index, as: UInt32.self))
        }
        self.key = (word(key, 0), word(key, 1), word(key, 2), word(key, 3), word(key, 4), word(key, 5), word(key, 6), word(key, 7))
        self.nonce = (word(nonce, 0), word(nonce, 1), word(nonce, 2))
    }

    /// Keystream block number `counter`: the ChaCha20 block function of RFC 8439 §2.3, serialized to 64 bytes.
    public func block(counter: UInt32) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: Self.blockLength) { buffer, count in
            writeBlock(counter: counter, to: UnsafeMutableRawPointer(buffer.baseAddress!))
            count = Self.blockLength
        }
    }

    /// `bytes` XORed with the keystream from block `counter` on (RFC 8439 §2.4): encrypts plaintext, decrypts ciphertext.
    /// `ChaChaPoly` starts at counter 1, since block 0 makes its one-time Poly1305 key; a message may run to block 2³² − 1.
    public func encrypt(_ bytes: [UInt8], counter: UInt32) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: bytes.count) { output, count in
            bytes.withUnsafeBytes { xor($0, into: UnsafeMutableRawBufferPointer(output), counter: counter) }
            count = bytes.count
        }
    }

    /// XORs `input` with the keystream from block `counter` on into `output` (the same length; they may be the same memory).
    func xor(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer, counter: UInt32) {
        precondition(output.count == input.count, "ChaCha20: output of \(output.count) bytes for \(input.count) bytes of input")
        let blocks = (input.count + Self.blockLength - 1) / Self.blockLength
        precondition(
            UInt64(counter) + UInt64(blocks) <= 1 << 32, "ChaCha20: \(input.count) bytes from block \(counter) run past block 2^32 - 1")
        guard let source = input.baseAddress, let target = output.baseAddress else { return }
        var offset = 0
        var counter = counter
        #if _endian(little)
        let stride = Lanes.scalarCount * Self.blockLength
        while input.count - offset >= stride {
            xorLanes(counter: counter, source + offset, target + offset)
            offset += stride
            counter &+= UInt32(Lanes.scalarCount)
        }
        if input.count - offset > Self.blockLength {
            // Two to four blocks left: one pass of the lanes into a scratch keystream is cheaper than block by block.
            withUnsafeTemporaryAllocation(byteCount: stride, alignment: 16) { keystream in
                keystream.initializeMemory(as: UInt8.self, repeating: 0)
                xorLanes(counter: counter, UnsafeRawPointer(keystream.baseAddress!), keystream.baseAddress!)
                Self.xor(source + offset, UnsafeRawPointer(keystream.baseAddress!), into: target + offset, count: input.count - offset)
            }
            return
        }
        #endif
        withUnsafeTemporaryAllocation(byteCount: Self.blockLength, alignment: 16) { keystream in
            while offset < input.count {
                writeBlock(counter: counter, to: keystream.baseAddress!)
                let count = min(Self.blockLength, input.count - offset)
                Self.xor(source + offset, UnsafeRawPointer(keystream.baseAddress!), into: target + offset, count: count)
                offset += count
                counter &+= 1
            }
        }
    }

    /// `xor(_:into:counter:)` that also gives `mac` the ciphertext padded to 16 bytes (the output when sealing, the
    /// input when opening), interleaved with the rounds: Poly1305's scalar multiplications then overlap ChaCha20's
    /// vector arithmetic, about 20 % faster than one pass after the other.
    func xor(
        _ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer, counter: UInt32,
        authenticating mac: inout Poly1305, ciphertextIsOutput: Bool
    ) {
        precondition(output.count == input.count, "ChaCha20: output of \(output.count) bytes for \(input.count) bytes of input")
        var done = 0
        var counter = counter
        #if _endian(little)
        let stride = Lanes.scalarCount * Self.blockLength
        let groups = input.count / stride
        if groups > 0, let source = input.baseAddress, let target = output.baseAddress {
            precondition(UInt64(counter) + UInt64(groups * Lanes.scalarCount) <= 1 << 32, "ChaCha20: message runs past block 2^32 - 1")
            // Two ciphertext blocks after each double round covers a group only if it has at most 10 × 32 bytes.
            assert(stride / 32 <= 10, "ChaCha20: \(Lanes.scalarCount) lanes need more than two Poly1305 blocks a round")
            for group in 0..<groups {
                let offset = group * stride
                // Sealing authenticates the previous group's output, opening this group's input: two blocks a round.
                let ciphertext = ciphertextIsOutput ? (group > 0 ? UnsafeRawPointer(target + offset - stride) : nil) : source + offset
                xorLanes(counter: counter, source + offset, target + offset) { round in
                    if let ciphertext, round < stride / 32 { mac.absorb(ciphertext + 32 * round, blocks: 2, highBit: 1) }
                }
                counter &+= UInt32(Lanes.scalarCount)
            }
            done = groups * stride
            if ciphertextIsOutput { mac.absorb(UnsafeRawPointer(target + done - stride), blocks: stride / 16, highBit: 1) }
        }
        #endif
        let tailInput = UnsafeRawBufferPointer(rebasing: input[done...])
        let tailOutput = UnsafeMutableRawBufferPointer(rebasing: output[done...])
        if !ciphertextIsOutput { mac.absorbPadded(tailInput) }
        xor(tailInput, into: tailOutput, counter: counter)
        if ciphertextIsOutput { mac.absorbPadded(UnsafeRawBufferPointer(tailOutput)) }
    }

    /// Writes keystream block `counter` (64 bytes) to `output`, one block at a time in scalar code.
    func writeBlock(counter: UInt32, to output: UnsafeMutableRawPointer) {
        var (x0, x1, x2, x3): (UInt32, UInt32, UInt32, UInt32) = (0x6170_7865, 0x3320_646e, 0x7962_2d32, 0x6b20_6574)
        var (x4, x5, x6, x7, x8, x9, x10, x11) = key
        var (x12, x13, x14, x15) = (counter, nonce.0, nonce.1, nonce.2)
        for _ in 0..<10 {
            Self.quarterRound(&x0, &x4, &x8, &x12)
            Self.quarterRound(&x1, &x5, &x9, &x13)
            Self.quarterRound(&x2, &x6, &x10, &x14)
            Self.quarterRound(&x3, &x7, &x11, &x15)
            Self.quarterRound(&x0, &x5, &x10, &x15)
            Self.quarterRound(&x1, &x6, &x11, &x12)
            Self.quarterRound(&x2, &x7, &x8, &x13)
            Self.quarterRound(&x3, &x4, &x9, &x14)
        }
        func store(_ word: UInt32, _ index: Int) {
            output.storeBytes(of: word.littleEndian, toByteOffset: 4 * index, as: UInt32.self)
        }
        store(x0 &+ 0x6170_7865, 0)
        store(x1 &+ 0x3320_646e, 1)
        store(x2 &+ 0x7962_2d32, 2)
        store(x3 &+ 0x6b20_6574, 3)
        store(x4 &+ key.0, 4)
        store(x5 &+ key.1, 5)
        store(x6 &+ key.2, 6)
        store(x7 &+ key.3, 7)
        store(x8 &+ key.4, 8)
        store(x9 &+ key.5, 9)
        store(x10 &+ key.6, 10)
        store(x11 &+ key.7, 11)
        store(x12 &+ counter, 12)
        store(x13 &+ nonce.0, 13)
        store(x14 &+ nonce.1, 14)
        store(x15 &+ nonce.2, 15)
    }

    /// XORs `Lanes.scalarCount` whole blocks (counters `counter`, `counter + 1`, …) from `input` into `output`,
    /// calling `meanwhile` after each of the 10 double rounds with its number, to interleave other (scalar) work.
    /// Lane `j` of `xN` is state word `N` of block `j`, so every round is plain vector arithmetic with no shuffles.
    @inline(__always)
    private func xorLanes(
        counter: UInt32, _ input: UnsafeRawPointer, _ output: UnsafeMutableRawPointer, meanwhile: (Int) -> Void = { _ in }
    ) {
        let counters = Lanes(repeating: counter) &+ Lanes(0, 1, 2, 3)
        var x0 = Lanes(repeating: 0x6170_7865), x1 = Lanes(repeating: 0x3320_646e)
        var x2 = Lanes(repeating: 0x7962_2d32), x3 = Lanes(repeating: 0x6b20_6574)
        var x4 = Lanes(repeating: key.0), x5 = Lanes(repeating: key.1), x6 = Lanes(repeating: key.2), x7 = Lanes(repeating: key.3)
        var x8 = Lanes(repeating: key.4), x9 = Lanes(repeating: key.5), x10 = Lanes(repeating: key.6), x11 = Lanes(repeating: key.7)
        var x12 = counters, x13 = Lanes(repeating: nonce.0), x14 = Lanes(repeating: nonce.1), x15 = Lanes(repeating: nonce.2)
        for round in 0..<10 {
            Self.quarterRound(&x0, &x4, &x8, &x12)
            Self.quarterRound(&x1, &x5, &x9, &x13)
            Self.quarterRound(&x2, &x6, &x10, &x14)
            Self.quarterRound(&x3, &x7, &x11, &x15)
            Self.quarterRound(&x0, &x5, &x10, &x15)
            Self.quarterRound(&x1, &x6, &x11, &x12)
            Self.quarterRound(&x2, &x7, &x8, &x13)
            Self.quarterRound(&x3, &x4, &x9, &x14)
            meanwhile(round)
        }
        x0 &+= Lanes(repeating: 0x6170_7865)
        x1 &+= Lanes(repeating: 0x3320_646e)
        x2 &+= Lanes(repeating: 0x7962_2d32)
        x3 &+= Lanes(repeating: 0x6b20_6574)
        x4 &+= Lanes(repeating: key.0)
        x5 &+= Lanes(repeating: key.1)
        x6 &+= Lanes(repeating: key.2)
        x7 &+= Lanes(repeating: key.3)
        x8 &+= Lanes(repeating: key.4)
        x9 &+= Lanes(repeating: key.5)
        x10 &+= Lanes(repeating: key.6)
        x11 &+= Lanes(repeating: key.7)
        x12 &+= counters
        x13 &+= Lanes(repeating: nonce.0)
        x14 &+= Lanes(repeating: nonce.1)
        x15 &+= Lanes(repeating: nonce.2)
        Self.xorTransposed(x0, x1, x2, x3, input, output, offset: 0)
        Self.xorTransposed(x4, x5, x6, x7, input, output, offset: 16)
        Self.xorTransposed(x8, x9, x10, x11, input, output, offset: 32)
        Self.xorTransposed(x12, x13, x14, x15, input, output, offset: 48)
    }

    /// Lane `j` of `a`, `b`, `c`, `d` holds 16 bytes of block `j` at `offset`: transposes them and XORs them in.
    @inline(__always)
    private static func xorTransposed(
        _ a: Lanes, _ b: Lanes, _ c: Lanes, _ d: Lanes,
        _ input: UnsafeRawPointer, _ output: UnsafeMutableRawPointer, offset: Int
    ) {
        let ab01 = Lanes(a[0], b[0], a[1], b[1]), ab23 = Lanes(a[2], b[2], a[3], b[3])
        let cd01 = Lanes(c[0], d[0], c[1], d[1]), cd23 = Lanes(c[2], d[2], c[3], d[3])
        let blocks = (
            Lanes(lowHalf: ab01.lowHalf, highHalf: cd01.lowHalf), Lanes(lowHalf: ab01.highHalf, highHalf: cd01.highHalf),
            Lanes(lowHalf: ab23.lowHalf, highHalf: cd23.lowHalf), Lanes(lowHalf: ab23.highHalf, highHalf: cd23.highHalf)
        )
        func xorBlock(_ index: Int, _ words: Lanes) {
            let at = index * blockLength + offset
            output.storeBytes(of: input.loadUnaligned(fromByteOffset: at, as: Lanes.self) ^ words, toByteOffset: at, as: Lanes.self)
        }
        xorBlock(0, blocks.0)
        xorBlock(1, blocks.1)
        xorBlock(2, blocks.2)
        xorBlock(3, blocks.3)
    }

    /// Writes `count` bytes of `input` XOR `keystream` to `output`, eight bytes at a time where it can.
    private static func xor(_ input: UnsafeRawPointer, _ keystream: UnsafeRawPointer, into output: UnsafeMutableRawPointer, count: Int) {
        var index = 0
        while count - index >= 8 {
            let word = input.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            output.storeBytes(of: word ^ keystream.loadUnaligned(fromByteOffset: index, as: UInt64.self), toByteOffset: index, as: UInt64.self)
            index += 8
        }
        while index < count {
            let byte = input.load(fromByteOffset: index, as: UInt8.self) ^ keystream.load(fromByteOffset: index, as: UInt8.self)
            output.storeBytes(of: byte, toByteOffset: index, as: UInt8.self)
            index += 1
        }
    }

    /// The quarter round of RFC 8439 §2.1 on four words, returning them: a hook for the §2.1.1 and §2.2.1 test vectors.
    package static func quarterRound(_ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: UInt32) -> (UInt32, UInt32, UInt32, UInt32) {
        var (a, b, c, d) = (a, b, c, d)
        quarterRound(&a, &b, &c, &d)
        return (a, b, c, d)
    }

    @inline(__always)
    private static func quarterRound(_ a: inout UInt32, _ b: inout UInt32, _ c: inout UInt32, _ d: inout UInt32) {
        a &+= b; d ^= a; d = d.rotatedLeft(16)
        c &+= d; b ^= c; b = b.rotatedLeft(12)
        a &+= b; d ^= a; d = d.rotatedLeft(8)
        c &+= d; b ^= c; b = b.rotatedLeft(7)
    }

    @inline(__always)
    private static func quarterRound(_ a: inout Lanes, _ b: inout Lanes, _ c: inout Lanes, _ d: inout Lanes) {
        a &+= b; d ^= a; d = d.rotatedLeft(16)
        c &+= d; b ^= c; b = b.rotatedLeft(12)
        a &+= b; d ^= a; d = d.rotatedLeft(8)
        c &+= d; b ^= c; b = b.rotatedLeft(7)
    }
}

extension UInt32 {
    /// Rotates left (towards the high bits) by `count` bits, 0 < `count` < 32.
    @inline(__always)
    fileprivate func rotatedLeft(_ count: UInt32) -> UInt32 { (self &<< count) | (self &>> (32 &- count)) }
}

extension SIMD4<UInt32> {
    /// Rotates every lane left by `count` bits, 0 < `count` < 32.
    /// The left shift is a multiplication by 2^count: the standard library's SIMD `&<<` is a loop over lanes that
    /// LLVM turns into four scalar rotates, while `&*` by a power of two compiles to one vector shift.
    @inline(__always)
    fileprivate func rotatedLeft(_ count: UInt32) -> Self {
        (self &* Self(repeating: 1 &<< count)) | (self &>> Self(repeating: 32 &- count))
    }
}
