/// An arbitrary-size unsigned integer: the numbers of RSA (moduli, exponents, messages as integers).
///
/// A value type on 64-bit limbs, least significant first, with no zero limb at the top (zero has no limbs),
/// so equal numbers have equal limbs. Nothing here is constant-time: it is for learning, not for secrets that
/// an attacker can time.
///
/// ```swift
/// let n = try BigUInt(hex: "c34f…")
/// let c = try message.power(65_537, modulo: n)
/// print(c)                            // decimal; `c.hex` for hex
/// ```
public struct BigUInt: Sendable, Hashable {
    /// The limbs, least significant first; the last one is never zero.
    package private(set) var limbs: [UInt64]

    /// The number whose limbs, least significant first, are `limbs` (zero limbs at the top are dropped).
    package init(limbs: [UInt64]) {
        self.limbs = limbs
        normalize()
    }

    /// The number `value`.
    public init(_ value: UInt64) {
        limbs = value == 0 ? [] : [value]
    }

    /// Drops zero limbs at the top, restoring the invariant after an operation that may have left some.
    mutating func normalize() {
        while limbs.last == 0 { limbs.removeLast() }
    }

    /// Whether this is zero.
    public var isZero: Bool { limbs.isEmpty }

    /// Whether this is odd: Montgomery multiplication needs an odd modulus, and RSA needs an odd modulus and exponent.
    public var isOdd: Bool { (limbs.first ?? 0) & 1 == 1 }

    /// The number of bits needed to write this number: 0 for zero, 2048 for an RSA-2048 modulus.
    public var bitLength: Int {
        guard let top = limbs.last else { return 0 }
        return limbs.count * 64 - top.leadingZeroBitCount
    }

    /// The number of zero bits below the lowest one bit (0 for zero): `n - 1 = 2^s · d` has `s` of these.
    public var trailingZeroBitCount: Int {
        guard let index = limbs.firstIndex(where: { $0 != 0 }) else { return 0 }
        return index * 64 + limbs[index].trailingZeroBitCount
    }

    /// Whether bit `index` (0 is the least significant) is one; bits beyond the number, or at a negative index, are zero.
    public func testBit(_ index: Int) -> Bool {
        guard index >= 0, index / 64 < limbs.count else { return false }
        return (limbs[index / 64] >> UInt64(index % 64)) & 1 == 1
    }
}

extension BigUInt: ExpressibleByIntegerLiteral {
    /// The number written in the source: `let e: BigUInt = 65_537`.
    public init(integerLiteral value: UInt64) {
        self.init(value)
    }
}

extension BigUInt: Comparable {
    /// Whether `lhs` is smaller than `rhs`.
    public static func < (lhs: BigUInt, rhs: BigUInt) -> Bool {
        compare(lhs.limbs[...], rhs.limbs[...]) < 0
    }

    /// -1, 0 or 1 as `lhs` is smaller than, equal to or larger than `rhs`; both without zero limbs at the top.
    static func compare(_ lhs: ArraySlice<UInt64>, _ rhs: ArraySlice<UInt64>) -> Int {
        if lhs.count != rhs.count { return lhs.count < rhs.count ? -1 : 1 }
        for (left, right) in zip(lhs.reversed(), rhs.reversed()) where left != right {
            return left < right ? -1 : 1
        }
        return 0
    }
}
