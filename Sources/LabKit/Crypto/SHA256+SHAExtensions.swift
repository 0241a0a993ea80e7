#if arch(x86_64) && canImport(_Builtin_intrinsics.intel)
import _Builtin_intrinsics.intel

extension SHA256 {
    /// Four 32-bit words in one SSE register, lane 0 first: Swift's SIMD type, so lane moves can be written
    /// as plain element picks (LLVM turns them into one `pshufd`, `palignr` or `blendps`; Clang's macros for
    /// those instructions cannot be imported).
    private typealias Words = SIMD4<UInt32>

    /// The compression function on Intel's SHA extensions, after Intel's white paper "Intel SHA Extensions"
    /// (2013): each `sha256rnds2` does two rounds on the state kept as the vectors ABEF and CDGH (A in the
    /// highest lane), and `sha256msg1`/`sha256msg2` compute the message schedule four words at a time.
    ///
    /// Only called when `Engine.available` lists `.shaExtensions` (CPUID checked); LabKit is compiled with
    /// `-Xcc -msha` so these instructions can be emitted; never inlined, so no module built without that flag
    /// (the labs, under cross-module optimization) receives them. The caller MUST pass `blocks * 64` readable bytes.
    @inline(never)
    static func compressWithSHAExtensions(_ state: inout State, _ base: UnsafeRawPointer, blocks: Int) {
        withUnsafeMutableBytes(of: &state) { stateBytes in
            let abcd = stateBytes.loadUnaligned(fromByteOffset: 0, as: Words.self)
            let efgh = stateBytes.loadUnaligned(fromByteOffset: 16, as: Words.self)
            var abef = Words(efgh[1], efgh[0], abcd[1], abcd[0])
            var cdgh = Words(efgh[3], efgh[2], abcd[3], abcd[2])
            roundConstants.withUnsafeBytes { k in
                var block = base
                for _ in 0..<blocks {
                    let (savedABEF, savedCDGH) = (abef, cdgh)
                    var w0 = bigEndianWords(block, 0), w1 = bigEndianWords(block, 16)
                    var w2 = bigEndianWords(block, 32), w3 = bigEndianWords(block, 48)
                    fourRounds(&abef, &cdgh, w0 &+ k.loadUnaligned(fromByteOffset: 0, as: Words.self))
                    fourRounds(&abef, &cdgh, w1 &+ k.loadUnaligned(fromByteOffset: 16, as: Words.self))
                    fourRounds(&abef, &cdgh, w2 &+ k.loadUnaligned(fromByteOffset: 32, as: Words.self))
                    fourRounds(&abef, &cdgh, w3 &+ k.loadUnaligned(fromByteOffset: 48, as: Words.self))
                    for group in 4..<16 {
                        (w0, w1, w2, w3) = (w1, w2, w3, nextSchedule(w0, w1, w2, w3))
                        fourRounds(&abef, &cdgh, w3 &+ k.loadUnaligned(fromByteOffset: 16 * group, as: Words.self))
                    }
                    abef &+= savedABEF
                    cdgh &+= savedCDGH
                    block += blockLength
                }
            }
            stateBytes.storeBytes(of: Words(abef[3], abef[2], cdgh[3], cdgh[2]), toByteOffset: 0, as: Words.self)
            stateBytes.storeBytes(of: Words(abef[1], abef[0], cdgh[1], cdgh[0]), toByteOffset: 16, as: Words.self)
        }
    }

    /// The big-endian words 4i…4i+3 of the block at `block`, `offset` = 16i bytes in.
    @inline(__always)
    private static func bigEndianWords(_ block: UnsafeRawPointer, _ offset: Int) -> Words {
        let bytes = _mm_loadu_si128((block + offset).assumingMemoryBound(to: __m128i_u.self))
        let byteSwap = _mm_set_epi64x(0x0c0d_0e0f_0809_0a0b, 0x0405_0607_0001_0203)
        return unsafeBitCast(_mm_shuffle_epi8(bytes, byteSwap), to: Words.self)
    }

    /// Four rounds with `kw` = K[t…t+3] + W[t…t+3]: two `sha256rnds2`, the second on the upper two words.
    /// Two rounds turn ABEF into the next CDGH, so the two vectors trade roles twice.
    @inline(__always)
    private static func fourRounds(_ abef: inout Words, _ cdgh: inout Words, _ kw: Words) {
        cdgh = rounds(cdgh, abef, kw)
        abef = rounds(abef, cdgh, Words(kw[2], kw[3], kw[2], kw[3]))
    }

    /// `sha256rnds2`: two rounds from CDGH and ABEF with K+W for them in the two low lanes; the new ABEF.
    @inline(__always)
    private static func rounds(_ cdgh: Words, _ abef: Words, _ kw: Words) -> Words {
        unsafeBitCast(_mm_sha256rnds2_epu32(vector(cdgh), vector(abef), vector(kw)), to: Words.self)
    }

    /// Schedule words W[t…t+3] from the sixteen before them, four per vector, oldest first:
    /// `sha256msg1` adds σ0(W[t-15]) to W[t-16], the picked lanes bring W[t-7], `sha256msg2` adds σ1(W[t-2]).
    @inline(__always)
    private static func nextSchedule(_ w16: Words, _ w12: Words, _ w8: Words, _ w4: Words) -> Words {
        let withSigma0 = unsafeBitCast(_mm_sha256msg1_epu32(vector(w16), vector(w12)), to: Words.self)
        let partial = withSigma0 &+ Words(w8[1], w8[2], w8[3], w4[0])
        return unsafeBitCast(_mm_sha256msg2_epu32(vector(partial), vector(w4)), to: Words.self)
    }

    /// The same 128 bits as Clang's vector type, for the intrinsics.
    @inline(__always)
    private static func vector(_ words: Words) -> __m128i { unsafeBitCast(words, to: __m128i.self) }

    /// K[0…63] of FIPS 180-4 §4.2.2, in memory order for four-word loads.
    private static let roundConstants: [UInt32] = [
        0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
        0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174,
        0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
        0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967,
        0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
        0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070,
        0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
        0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2,
    ]
}
#endif
