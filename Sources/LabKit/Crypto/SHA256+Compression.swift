extension SHA256 {
    /// Runs the compression function over `blocks` consecutive 64-byte blocks at `base`, updating `state`.
    ///
    /// Written for speed in plain Swift: the 64 rounds are unrolled with their constants inline, the
    /// message schedule is a sliding window of 16 local words (registers or stack, never the heap), and
    /// the input is read through a raw pointer with no bounds checks. The caller MUST pass `blocks * 64`
    /// readable bytes at `base`; any alignment is fine.
    static func compressPortably(_ state: inout State, _ base: UnsafeRawPointer, blocks: Int) {
        var (h0, h1, h2, h3, h4, h5, h6, h7) = state
        var block = base
        for _ in 0..<blocks {
            var w0 = word(block, 0), w1 = word(block, 1), w2 = word(block, 2), w3 = word(block, 3)
            var w4 = word(block, 4), w5 = word(block, 5), w6 = word(block, 6), w7 = word(block, 7)
            var w8 = word(block, 8), w9 = word(block, 9), w10 = word(block, 10), w11 = word(block, 11)
            var w12 = word(block, 12), w13 = word(block, 13), w14 = word(block, 14), w15 = word(block, 15)
            var (a, b, c, d, e, f, g, h) = (h0, h1, h2, h3, h4, h5, h6, h7)

            round(a, b, c, &d, e, f, g, &h, 0x428a_2f98 &+ w0)
            round(h, a, b, &c, d, e, f, &g, 0x7137_4491 &+ w1)
            round(g, h, a, &b, c, d, e, &f, 0xb5c0_fbcf &+ w2)
            round(f, g, h, &a, b, c, d, &e, 0xe9b5_dba5 &+ w3)
            round(e, f, g, &h, a, b, c, &d, 0x3956_c25b &+ w4)
            round(d, e, f, &g, h, a, b, &c, 0x59f1_11f1 &+ w5)
            round(c, d, e, &f, g, h, a, &b, 0x923f_82a4 &+ w6)
            round(b, c, d, &e, f, g, h, &a, 0xab1c_5ed5 &+ w7)
            round(a, b, c, &d, e, f, g, &h, 0xd807_aa98 &+ w8)
            round(h, a, b, &c, d, e, f, &g, 0x1283_5b01 &+ w9)
            round(g, h, a, &b, c, d, e, &f, 0x2431_85be &+ w10)
            round(f, g, h, &a, b, c, d, &e, 0x550c_7dc3 &+ w11)
            round(e, f, g, &h, a, b, c, &d, 0x72be_5d74 &+ w12)
            round(d, e, f, &g, h, a, b, &c, 0x80de_b1fe &+ w13)
            round(c, d, e, &f, g, h, a, &b, 0x9bdc_06a7 &+ w14)
            round(b, c, d, &e, f, g, h, &a, 0xc19b_f174 &+ w15)
            w0 = expanded(w0, w1, w9, w14)
            round(a, b, c, &d, e, f, g, &h, 0xe49b_69c1 &+ w0)
            w1 = expanded(w1, w2, w10, w15)
            round(h, a, b, &c, d, e, f, &g, 0xefbe_4786 &+ w1)
            w2 = expanded(w2, w3, w11, w0)
            round(g, h, a, &b, c, d, e, &f, 0x0fc1_9dc6 &+ w2)
            w3 = expanded(w3, w4, w12, w1)
            round(f, g, h, &a, b, c, d, &e, 0x240c_a1cc &+ w3)
            w4 = expanded(w4, w5, w13, w2)
            round(e, f, g, &h, a, b, c, &d, 0x2de9_2c6f &+ w4)
            w5 = expanded(w5, w6, w14, w3)
            round(d, e, f, &g, h, a, b, &c, 0x4a74_84aa &+ w5)
            w6 = expanded(w6, w7, w15, w4)
            round(c, d, e, &f, g, h, a, &b, 0x5cb0_a9dc &+ w6)
            w7 = expanded(w7, w8, w0, w5)
            round(b, c, d, &e, f, g, h, &a, 0x76f9_88da &+ w7)
            w8 = expanded(w8, w9, w1, w6)
            round(a, b, c, &d, e, f, g, &h, 0x983e_5152 &+ w8)
            w9 = expanded(w9, w10, w2, w7)
            round(h, a, b, &c, d, e, f, &g, 0xa831_c66d &+ w9)
            w10 = expanded(w10, w11, w3, w8)
            round(g, h, a, &b, c, d, e, &f, 0xb003_27c8 &+ w10)
            w11 = expanded(w11, w12, w4, w9)
            round(f, g, h, &a, b, c, d, &e, 0xbf59_7fc7 &+ w11)
            w12 = expanded(w12, w13, w5, w10)
            round(e, f, g, &h, a, b, c, &d, 0xc6e0_0bf3 &+ w12)
            w13 = expanded(w13, w14, w6, w11)
            round(d, e, f, &g, h, a, b, &c, 0xd5a7_9147 &+ w13)
            w14 = expanded(w14, w15, w7, w12)
            round(c, d, e, &f, g, h, a, &b, 0x06ca_6351 &+ w14)
            w15 = expanded(w15, w0, w8, w13)
            round(b, c, d, &e, f, g, h, &a, 0x1429_2967 &+ w15)
            w0 = expanded(w0, w1, w9, w14)
            round(a, b, c, &d, e, f, g, &h, 0x27b7_0a85 &+ w0)
            w1 = expanded(w1, w2, w10, w15)
            round(h, a, b, &c, d, e, f, &g, 0x2e1b_2138 &+ w1)
            w2 = expanded(w2, w3, w11, w0)
            round(g, h, a, &b, c, d, e, &f, 0x4d2c_6dfc &+ w2)
            w3 = expanded(w3, w4, w12, w1)
            round(f, g, h, &a, b, c, d, &e, 0x5338_0d13 &+ w3)
            w4 = expanded(w4, w5, w13, w2)
            round(e, f, g, &h, a, b, c, &d, 0x650a_7354 &+ w4)
            w5 = expanded(w5, w6, w14, w3)
            round(d, e, f, &g, h, a, b, &c, 0x766a_0abb &+ w5)
            w6 = expanded(w6, w7, w15, w4)
            round(c, d, e, &f, g, h, a, &b, 0x81c2_c92e &+ w6)
            w7 = expanded(w7, w8, w0, w5)
            round(b, c, d, &e, f, g, h, &a, 0x9272_2c85 &+ w7)
            w8 = expanded(w8, w9, w1, w6)
            round(a, b, c, &d, e, f, g, &h, 0xa2bf_e8a1 &+ w8)
            w9 = expanded(w9, w10, w2, w7)
            round(h, a, b, &c, d, e, f, &g, 0xa81a_664b &+ w9)
            w10 = expanded(w10, w11, w3, w8)
            round(g, h, a, &b, c, d, e, &f, 0xc24b_8b70 &+ w10)
            w11 = expanded(w11, w12, w4, w9)
            round(f, g, h, &a, b, c, d, &e, 0xc76c_51a3 &+ w11)
            w12 = expanded(w12, w13, w5, w10)
            round(e, f, g, &h, a, b, c, &d, 0xd192_e819 &+ w12)
            w13 = expanded(w13, w14, w6, w11)
            round(d, e, f, &g, h, a, b, &c, 0xd699_0624 &+ w13)
            w14 = expanded(w14, w15, w7, w12)
            round(c, d, e, &f, g, h, a, &b, 0xf40e_3585 &+ w14)
            w15 = expanded(w15, w0, w8, w13)
            round(b, c, d, &e, f, g, h, &a, 0x106a_a070 &+ w15)
            w0 = expanded(w0, w1, w9, w14)
            round(a, b, c, &d, e, f, g, &h, 0x19a4_c116 &+ w0)
            w1 = expanded(w1, w2, w10, w15)
            round(h, a, b, &c, d, e, f, &g, 0x1e37_6c08 &+ w1)
            w2 = expanded(w2, w3, w11, w0)
            round(g, h, a, &b, c, d, e, &f, 0x2748_774c &+ w2)
            w3 = expanded(w3, w4, w12, w1)
            round(f, g, h, &a, b, c, d, &e, 0x34b0_bcb5 &+ w3)
            w4 = expanded(w4, w5, w13, w2)
            round(e, f, g, &h, a, b, c, &d, 0x391c_0cb3 &+ w4)
            w5 = expanded(w5, w6, w14, w3)
            round(d, e, f, &g, h, a, b, &c, 0x4ed8_aa4a &+ w5)
            w6 = expanded(w6, w7, w15, w4)
            round(c, d, e, &f, g, h, a, &b, 0x5b9c_ca4f &+ w6)
            w7 = expanded(w7, w8, w0, w5)
            round(b, c, d, &e, f, g, h, &a, 0x682e_6ff3 &+ w7)
            w8 = expanded(w8, w9, w1, w6)
            round(a, b, c, &d, e, f, g, &h, 0x748f_82ee &+ w8)
            w9 = expanded(w9, w10, w2, w7)
            round(h, a, b, &c, d, e, f, &g, 0x78a5_636f &+ w9)
            w10 = expanded(w10, w11, w3, w8)
            round(g, h, a, &b, c, d, e, &f, 0x84c8_7814 &+ w10)
            w11 = expanded(w11, w12, w4, w9)
            round(f, g, h, &a, b, c, d, &e, 0x8cc7_0208 &+ w11)
            w12 = expanded(w12, w13, w5, w10)
            round(e, f, g, &h, a, b, c, &d, 0x90be_fffa &+ w12)
            w13 = expanded(w13, w14, w6, w11)
            round(d, e, f, &g, h, a, b, &c, 0xa450_6ceb &+ w13)
            w14 = expanded(w14, w15, w7, w12)
            round(c, d, e, &f, g, h, a, &b, 0xbef9_a3f7 &+ w14)
            w15 = expanded(w15, w0, w8, w13)
            round(b, c, d, &e, f, g, h, &a, 0xc671_78f2 &+ w15)

            h0 &+= a; h1 &+= b; h2 &+= c; h3 &+= d
            h4 &+= e; h5 &+= f; h6 &+= g; h7 &+= h
            block += blockLength
        }
        state = (h0, h1, h2, h3, h4, h5, h6, h7)
    }

    /// Big-endian word `index` (0…15) of the block at `block`.
    @inline(__always)
    private static func word(_ block: UnsafeRawPointer, _ index: Int) -> UInt32 {
        UInt32(bigEndian: block.loadUnaligned(fromByteOffset: index * 4, as: UInt32.self))
    }

    /// Schedule word W[t] from W[t-16] (`w`), W[t-15], W[t-7] and W[t-2]: σ0 and σ1 of FIPS 180-4 §6.2.2.
    /// σ0 and σ1 are written with one rotation factored out (ROTR 7 ∘ (x ⊕ ROTR 11 x) = ROTR 7 x ⊕ ROTR 18 x):
    /// fewer instructions, and the schedule is off the critical path, so its longer chain costs nothing.
    @inline(__always)
    private static func expanded(_ w: UInt32, _ w1: UInt32, _ w9: UInt32, _ w14: UInt32) -> UInt32 {
        let s0 = (w1 ^ w1.rotatedRight(11)).rotatedRight(7) ^ (w1 >> 3)
        let s1 = (w14 ^ w14.rotatedRight(2)).rotatedRight(17) ^ (w14 >> 10)
        return w &+ s0 &+ w9 &+ s1
    }

    /// One round with `kw` = K[t] + W[t]. Instead of shifting all eight working variables, the caller
    /// renames them: only `d` (which becomes e) and `h` (which becomes a) change. Σ0 and Σ1 keep their three
    /// independent rotations: they sit on the round-to-round dependency chain, where a factored form is slower.
    /// Majority is b ⊕ ((a ⊕ b) ∧ (b ⊕ c)), so each round reuses the previous round's a ⊕ b.
    @inline(__always)
    private static func round(
        _ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: inout UInt32,
        _ e: UInt32, _ f: UInt32, _ g: UInt32, _ h: inout UInt32, _ kw: UInt32
    ) {
        let sigma1 = e.rotatedRight(6) ^ e.rotatedRight(11) ^ e.rotatedRight(25)
        let choose = g ^ (e & (f ^ g))
        let t1 = h &+ sigma1 &+ choose &+ kw
        let sigma0 = a.rotatedRight(2) ^ a.rotatedRight(13) ^ a.rotatedRight(22)
        let majority = b ^ ((a ^ b) & (b ^ c))
        d &+= t1
        h = t1 &+ sigma0 &+ majority
    }
}

extension UInt32 {
    /// Rotates right by `count` bits (0 < count < 32); compiles to one `ror`.
    @inline(__always)
    fileprivate func rotatedRight(_ count: UInt32) -> UInt32 { (self >> count) | (self << (32 &- count)) }
}
