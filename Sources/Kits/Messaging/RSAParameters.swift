// Lab messaging — the fixed choices of the kit's RSA: given, not an exercise.

import LabKit

/// The numbers every key of the lab shares, and the sizes it accepts.
public enum RSAParameters {
    /// e = 65,537 (2¹⁶ + 1): prime, so any p with p - 1 not a multiple of it works, and only two bits set,
    /// so the public operation takes 17 multiplications.
    public static let publicExponent: BigUInt = 65_537
    /// Key sizes `generateKey` accepts, in bits (even only): 512 is far too small for real use and
    /// here for quick tests; above 8,192 generation takes minutes.
    public static let keyBits = 512...8_192
    /// Prime sizes `randomPrime` accepts, in bits: half of ``keyBits``, and small ones for tests.
    public static let primeBits = 16...4_096
}
