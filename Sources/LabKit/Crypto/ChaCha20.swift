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
    let key: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32)
    /// The nonce as three little-endian words: state words 13–15.
    let nonce: (UInt32, UInt32, UInt32)

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

    /// The body of `ChaChaPoly`'s seal and open (RFC 8439 §2.8): XORs `input` into `output` from block 1 on, and
    /// returns a Poly1305 keyed with block 0 that has absorbed `aad | pad16 | ciphertext | pad16` (the ciphertext is
    /// the output when sealing, the input when opening); the caller adds the lengths block.
    func xorAuthenticated(
        _ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer, aad: UnsafeRawBufferPointer,
        ciphertextIsOutput: Bool
    ) -> Poly1305 {
        precondition(output.count == input.count, "ChaCha20: output of \(output.count) bytes for \(input.count) bytes of input")
        var (mac, done) = xorGroupsAuthenticated(input, into: output, aad: aad, ciphertextIsOutput: ciphertextIsOutput)
            ?? (keystreamBlock(counter: 0).authenticator(absorbing: aad), 0)
        let counter = UInt32(truncatingIfNeeded: 1 + done / Self.blockLength)
        let tailInput = UnsafeRawBufferPointer(rebasing: input[done...])
        let tailOutput = UnsafeMutableRawBufferPointer(rebasing: output[done...])
        if !ciphertextIsOutput { mac.absorbPadded(tailInput) }
        xor(tailInput, into: tailOutput, counter: counter)
        if ciphertextIsOutput { mac.absorbPadded(UnsafeRawBufferPointer(tailOutput)) }
        return mac
    }

    /// `xorAuthenticated` for the whole groups of `Lanes.scalarCount` blocks at the start of `input`: the Poly1305 and
    /// the bytes done, or nil when there is no whole group (or the lanes are not used on this platform).
    ///
    /// Scalar work runs between the vector rounds of each group, where the integer units are otherwise idle: block 0
    /// (the one-time key) during the first group, then after each double round a share of the ciphertext known so far
    /// (sealing: the groups before this one; opening: this one too), so the 10 rounds absorb it evenly. What is left
    /// (sealing: the last group's output) is absorbed at the end.
    private func xorGroupsAuthenticated(
        _ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer, aad: UnsafeRawBufferPointer,
        ciphertextIsOutput: Bool
    ) -> (Poly1305, done: Int)? {
        #if _endian(little)
        let stride = Lanes.scalarCount * Self.blockLength
        let groups = input.count / stride
        guard groups > 0, let source = input.baseAddress, let target = output.baseAddress else { return nil }
        precondition(UInt64(groups * Lanes.scalarCount) < 1 << 32, "ChaCha20: message runs past block 2^32 - 1")
        let keyStart = State<UInt32>(self, counter: 0)
        var keyBlock = keyStart
        xorLanes(counter: 1, source, target) { _ in keyBlock.doubleRound() }
        keyBlock.add(keyStart)
        var mac = keyBlock.authenticator(absorbing: aad)
        let ciphertext = ciphertextIsOutput ? UnsafeRawPointer(target) : source
        var absorbed = 0
        for group in 1..<groups {
            let offset = group * stride
            // Sealing has the ciphertext of the groups before this one, opening also this group's.
            let available = ciphertextIsOutput ? offset : offset + stride
            xorLanes(counter: UInt32(1 + group * Lanes.scalarCount), source + offset, target + offset) { round in
                // An even share of what is known and not yet absorbed, over the double rounds left.
                let blocks = ((available - absorbed) / 16 + 9 - round) / (10 - round)
                mac.absorb(ciphertext + absorbed, blocks: blocks, highBit: 1)
                absorbed += 16 * blocks
            }
        }
        mac.absorb(ciphertext + absorbed, blocks: (groups * stride - absorbed) / 16, highBit: 1)
        return (mac, groups * stride)
        #else
        return nil
        #endif
    }

    /// Writes keystream block `counter` (64 bytes) to `output`, one block at a time in scalar code.
    func writeBlock(counter: UInt32, to output: UnsafeMutableRawPointer) {
        keystreamBlock(counter: counter).write(to: output)
    }

    /// XORs `Lanes.scalarCount` whole blocks (counters `counter`, `counter + 1`, …) from `input` into `output`,
    /// calling `meanwhile` after each of the 10 double rounds with its number, to interleave other (scalar) work.
    @inline(__always)
    private func xorLanes(
        counter: UInt32, _ input: UnsafeRawPointer, _ output: UnsafeMutableRawPointer, meanwhile: (Int) -> Void = { _ in }
    ) {
        let initial = State<Lanes>(self, counter: Lanes(repeating: counter) &+ Lanes(0, 1, 2, 3))
        var x = initial
        for round in 0..<10 {
            x.doubleRound()
            meanwhile(round)
        }
        x.add(initial)
        Self.xorTransposed(x.x0, x.x1, x.x2, x.x3, input, output, offset: 0)
        Self.xorTransposed(x.x4, x.x5, x.x6, x.x7, input, output, offset: 16)
        Self.xorTransposed(x.x8, x.x9, x.x10, x.x11, input, output, offset: 32)
        Self.xorTransposed(x.x12, x.x13, x.x14, x.x15, input, output, offset: 48)
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
}
