/// Arithmetic modulo one fixed odd number in Montgomery form, where reducing a product needs no division:
/// the fast path of `BigUInt.power(_:modulo:)`. Make one to raise many numbers to powers modulo the same
/// modulus (Miller–Rabin's rounds, RSA with one key), so its setup is paid once.
///
/// ```swift
/// let field = try Montgomery(modulus: p)      // p odd
/// let x = field.power(a, d)                    // a^d mod p
/// ```
public struct Montgomery: Sendable {
    /// The odd modulus.
    public let modulus: BigUInt
    /// The modulus's limbs; every number in Montgomery form has exactly this many.
    let modulusLimbs: [UInt64]
    /// `-modulus⁻¹ mod 2⁶⁴`, the factor that makes each reduction step divisible by the limb base.
    let negatedInverse: UInt64
    /// `R² mod modulus` for `R = 2^(64 · limbs)`, padded to the modulus's limb count: multiplying by it enters the form.
    let rSquared: [UInt64]

    /// Montgomery arithmetic modulo `modulus`, which must be odd: zero throws `divisionByZero`, any other even
    /// number `evenModulus` (use `BigUInt.power(_:modulo:)`, which handles even moduli without this type).
    public init(modulus: BigUInt) throws(BigUIntError) {
        guard !modulus.isZero else { throw .divisionByZero }
        guard modulus.isOdd else { throw .evenModulus }
        self.init(oddModulus: modulus)
    }

    /// The arithmetic modulo `oddModulus`, which MUST be odd.
    init(oddModulus modulus: BigUInt) {
        self.modulus = modulus
        modulusLimbs = modulus.limbs
        // Newton's iteration doubles the correct low bits of an inverse each step: 1 → 2 → … → 64 (from 3 bits: x = n).
        let low = modulus.limbs[0]
        var inverse = low
        for _ in 0..<5 { inverse = inverse &* (2 &- low &* inverse) }
        negatedInverse = 0 &- inverse
        let r2 = (BigUInt(1) << (128 * modulus.limbs.count)) % modulus
        rSquared = r2.limbs + [UInt64](repeating: 0, count: modulus.limbs.count - r2.limbs.count)
    }

    /// `base^exponent mod modulus`, with a sliding window over the exponent's bits (up to 6 bits at a time,
    /// so about one multiplication per 7 squarings at RSA sizes). `0^0` is 1, as in Python.
    public func power(_ base: BigUInt, _ exponent: BigUInt) -> BigUInt {
        guard modulus != 1 else { return 0 }
        guard !exponent.isZero else { return 1 }
        let size = modulusLimbs.count
        let window = Self.windowWidth(exponentBits: exponent.bitLength)
        let oddPowers = 1 << (window - 1)
        let reduced = base < modulus ? base : base % modulus
        // One allocation for everything: the odd powers x, x³, x⁵, …, the accumulator, x², and the kernel's scratch.
        var storage = [UInt64](repeating: 0, count: (oddPowers + 2) * size + 2 * size)
        storage.withUnsafeMutableBufferPointer { buffer in
            let table = buffer.baseAddress!
            let accumulator = table + oddPowers * size, square = accumulator + size, scratch = square + size
            modulusLimbs.withUnsafeBufferPointer { modulusBuffer in
                rSquared.withUnsafeBufferPointer { rSquaredBuffer in
                    let kernel = Kernel(modulus: modulusBuffer.baseAddress!, negatedInverse: negatedInverse, size: size, scratch: scratch)
                    for (index, limb) in reduced.limbs.enumerated() { accumulator[index] = limb }
                    kernel.multiply(table, accumulator, rSquaredBuffer.baseAddress!)
                    kernel.square(square, table)
                    for index in 1..<oddPowers {
                        kernel.multiply(table + index * size, table + (index - 1) * size, square)
                    }
                    slide(over: exponent, window: window, table: table, into: accumulator, kernel)
                    // Leave the form: multiply by 1.
                    square.update(repeating: 0, count: size)
                    square[0] = 1
                    kernel.multiply(accumulator, accumulator, square)
                }
            }
        }
        return BigUInt(limbs: Array(storage[(oddPowers * size)..<(oddPowers * size + size)]))
    }

    /// Left to right over `exponent`, squares for each bit and multiplies by `table[v / 2]` for each window of
    /// value `v` (odd, at most `window` bits), leaving `x^exponent` (in Montgomery form) in `accumulator`.
    private func slide(over exponent: BigUInt, window: Int, table: UnsafeMutablePointer<UInt64>,
                       into accumulator: UnsafeMutablePointer<UInt64>, _ kernel: Kernel) {
        let size = modulusLimbs.count
        var started = false
        var top = exponent.bitLength - 1
        while top >= 0 {
            guard exponent.testBit(top) else {
                kernel.square(accumulator, accumulator)
                top -= 1
                continue
            }
            var bottom = max(top - window + 1, 0)
            while !exponent.testBit(bottom) { bottom += 1 }
            var value = 0
            for bit in stride(from: top, through: bottom, by: -1) { value = value << 1 | (exponent.testBit(bit) ? 1 : 0) }
            let entry = table + (value >> 1) * size
            if started {
                for _ in bottom...top { kernel.square(accumulator, accumulator) }
                kernel.multiply(accumulator, accumulator, entry)
            } else {
                accumulator.update(from: entry, count: size)
                started = true
            }
            top = bottom - 1
        }
    }

    /// The window width for an exponent of `bits` bits (OpenSSL's choice): wider windows cost a bigger table
    /// of odd powers and save multiplications, which pays off only for long exponents.
    static func windowWidth(exponentBits bits: Int) -> Int {
        switch bits {
        case 672...: 6
        case 240...: 5
        case 80...: 4
        case 24...: 3
        default: 1
        }
    }
}
