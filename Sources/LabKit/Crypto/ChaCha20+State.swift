extension ChaCha20 {
    /// The sixteen words of a ChaCha20 state (RFC 8439 §2.3), as one block in scalar words (`State<UInt32>`) or as
    /// several blocks side by side, lane `j` of each word belonging to block `j` (`State<Lanes>`): the same rounds
    /// serve both, and a round on lanes is plain vector arithmetic with no shuffles.
    struct State<Word: ChaChaWord> {
        var x0, x1, x2, x3, x4, x5, x6, x7, x8, x9, x10, x11, x12, x13, x14, x15: Word

        /// The initial state: the constants, `cipher`'s key, `counter` (one block counter per lane) and the nonce.
        @inline(__always)
        init(_ cipher: ChaCha20, counter: Word) {
            let (key, nonce) = (cipher.key, cipher.nonce)
            (x0, x1, x2, x3) = (Word(broadcasting: 0x6170_7865), Word(broadcasting: 0x3320_646e),
                                Word(broadcasting: 0x7962_2d32), Word(broadcasting: 0x6b20_6574))
            (x4, x5, x6, x7) = (Word(broadcasting: key.0), Word(broadcasting: key.1), Word(broadcasting: key.2), Word(broadcasting: key.3))
            (x8, x9, x10, x11) = (Word(broadcasting: key.4), Word(broadcasting: key.5), Word(broadcasting: key.6), Word(broadcasting: key.7))
            (x12, x13, x14, x15) = (counter, Word(broadcasting: nonce.0), Word(broadcasting: nonce.1), Word(broadcasting: nonce.2))
        }

        /// A column round then a diagonal round (§2.2).
        @inline(__always)
        mutating func doubleRound() {
            ChaCha20.quarterRound(&x0, &x4, &x8, &x12)
            ChaCha20.quarterRound(&x1, &x5, &x9, &x13)
            ChaCha20.quarterRound(&x2, &x6, &x10, &x14)
            ChaCha20.quarterRound(&x3, &x7, &x11, &x15)
            ChaCha20.quarterRound(&x0, &x5, &x10, &x15)
            ChaCha20.quarterRound(&x1, &x6, &x11, &x12)
            ChaCha20.quarterRound(&x2, &x7, &x8, &x13)
            ChaCha20.quarterRound(&x3, &x4, &x9, &x14)
        }

        /// Adds `initial` word by word: after the ten double rounds, this turns the state into keystream (§2.3).
        @inline(__always)
        mutating func add(_ initial: State) {
            (x0, x1, x2, x3) = (x0 &+ initial.x0, x1 &+ initial.x1, x2 &+ initial.x2, x3 &+ initial.x3)
            (x4, x5, x6, x7) = (x4 &+ initial.x4, x5 &+ initial.x5, x6 &+ initial.x6, x7 &+ initial.x7)
            (x8, x9, x10, x11) = (x8 &+ initial.x8, x9 &+ initial.x9, x10 &+ initial.x10, x11 &+ initial.x11)
            (x12, x13, x14, x15) = (x12 &+ initial.x12, x13 &+ initial.x13, x14 &+ initial.x14, x15 &+ initial.x15)
        }
    }

    /// Keystream block `counter` in scalar words: the initial state, ten double rounds, the initial state added.
    func keystreamBlock(counter: UInt32) -> State<UInt32> {
        let initial = State<UInt32>(self, counter: counter)
        var block = initial
        for _ in 0..<10 { block.doubleRound() }
        block.add(initial)
        return block
    }

    /// The quarter round of RFC 8439 §2.1 on four words, or on four words of several blocks at once.
    @inline(__always)
    static func quarterRound<Word: ChaChaWord>(_ a: inout Word, _ b: inout Word, _ c: inout Word, _ d: inout Word) {
        a = a &+ b; d = (d ^ a).rotatedLeft(16)
        c = c &+ d; b = (b ^ c).rotatedLeft(12)
        a = a &+ b; d = (d ^ a).rotatedLeft(8)
        c = c &+ d; b = (b ^ c).rotatedLeft(7)
    }
}

extension ChaCha20.State<UInt32> {
    /// Writes the 64 keystream bytes of a finished block (after `add`), little-endian words.
    @inline(__always)
    func write(to output: UnsafeMutableRawPointer) {
        let words = (x0, x1, x2, x3, x4, x5, x6, x7, x8, x9, x10, x11, x12, x13, x14, x15)
        withUnsafeBytes(of: words) { words in
            for index in 0..<16 {
                let word = words.load(fromByteOffset: 4 * index, as: UInt32.self)
                output.storeBytes(of: word.littleEndian, toByteOffset: 4 * index, as: UInt32.self)
            }
        }
    }

    /// A Poly1305 keyed with the first 32 bytes of this finished block 0 (§2.6) that has absorbed `aad | pad16`,
    /// the start of every AEAD message.
    @inline(__always)
    func authenticator(absorbing aad: UnsafeRawBufferPointer) -> Poly1305 {
        var mac = withUnsafeTemporaryAllocation(byteCount: ChaCha20.blockLength, alignment: 16) { block in
            write(to: block.baseAddress!)
            return Poly1305(key: UnsafeRawPointer(block.baseAddress!))
        }
        mac.absorbPadded(aad)
        return mac
    }
}

/// A word of ChaCha20's state: one 32-bit word, or that word of several blocks in the lanes of a vector.
protocol ChaChaWord {
    /// The word `word`, in every lane.
    init(broadcasting word: UInt32)
    static func &+ (lhs: Self, rhs: Self) -> Self
    static func ^ (lhs: Self, rhs: Self) -> Self
    /// Rotates (every lane) left, towards the high bits, by `count` bits, 0 < `count` < 32.
    func rotatedLeft(_ count: UInt32) -> Self
}

extension UInt32: ChaChaWord {
    @inline(__always)
    init(broadcasting word: UInt32) { self = word }

    @inline(__always)
    func rotatedLeft(_ count: UInt32) -> UInt32 { (self &<< count) | (self &>> (32 &- count)) }
}

extension SIMD4<UInt32>: ChaChaWord {
    @inline(__always)
    init(broadcasting word: UInt32) { self.init(repeating: word) }

    /// The left shift is a multiplication by 2^count: the standard library's SIMD `&<<` is a loop over lanes that
    /// LLVM turns into four scalar rotates, while `&*` by a power of two compiles to one vector shift.
    @inline(__always)
    func rotatedLeft(_ count: UInt32) -> Self {
        (self &* Self(repeating: 1 &<< count)) | (self &>> Self(repeating: 32 &- count))
    }
}
