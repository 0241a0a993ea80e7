extension Montgomery {
    /// The inner loop of modular exponentiation: Montgomery multiplication on raw limbs, with nothing allocated.
    struct Kernel {
        /// The modulus's `size` limbs.
        let modulus: UnsafePointer<UInt64>
        /// `-modulus⁻¹ mod 2⁶⁴`.
        let negatedInverse: UInt64
        /// Limbs in the modulus and in every operand.
        let size: Int
        /// `2 · size` limbs of working space.
        let scratch: UnsafeMutablePointer<UInt64>

        /// `result = a · b · R⁻¹ mod modulus` for `a, b < modulus` of `size` limbs each; `result` may be `a` or `b`.
        ///
        /// CIOS (Koç, Acar and Kaliski 1996) with the multiplication and reduction steps of each limb of `b` fused
        /// into one pass: the running total stays below 2 · modulus, so one conditional subtraction finishes it.
        @inline(__always)
        func multiply(_ result: UnsafeMutablePointer<UInt64>, _ a: UnsafePointer<UInt64>, _ b: UnsafePointer<UInt64>) {
            let t = scratch
            t.update(repeating: 0, count: size + 1)
            for i in 0..<size {
                let bi = b[i]
                // Limb 0: choose m so that t + a·bi + m·n is divisible by 2⁶⁴, then drop that zero limb.
                var (carryA, low) = multiplyAdd(a[0], bi, t[0], 0)
                let m = low &* negatedInverse
                var (carryN, _) = multiplyAdd(m, modulus[0], low, 0)
                for j in 1..<size {
                    (carryA, low) = multiplyAdd(a[j], bi, t[j], carryA)
                    (carryN, t[j - 1]) = multiplyAdd(m, modulus[j], low, carryN)
                }
                (t[size - 1], t[size]) = addWithCarry(t[size], carryA, carryN)
            }
            // t < 2 · modulus: subtract the modulus once if t is not already below it.
            finish(result, t, top: t[size])
        }

        /// `result = a² · R⁻¹ mod modulus` for `a < modulus`; `result` may be `a`. Most of an exponentiation is
        /// squarings, and a square needs only half the products (each `a[i] · a[j]`, i ≠ j, counted twice), so this
        /// separate path (SOS: square in full, then reduce) saves about a quarter of the multiplications.
        @inline(__always)
        func square(_ result: UnsafeMutablePointer<UInt64>, _ a: UnsafePointer<UInt64>) {
            let t = scratch
            t.update(repeating: 0, count: 2 * size)
            // The products a[i] · a[j] for i < j.
            for i in 0..<size - 1 {
                let (ai, row) = (a[i], t + i)
                var carry: UInt64 = 0
                for j in (i + 1)..<size {
                    (carry, row[j]) = multiplyAdd(ai, a[j], row[j], carry)
                }
                row[size] = carry
            }
            // Doubled, plus the squares a[i]² on the diagonal.
            var shiftedOut: UInt64 = 0, carry: UInt64 = 0
            for i in 0..<size {
                let (high, low) = a[i].multipliedFullWidth(by: a[i])
                let (even, odd) = (t[2 * i], t[2 * i + 1])
                let doubledEven = even << 1 | shiftedOut, doubledOdd = odd << 1 | even >> 63
                shiftedOut = odd >> 63
                (t[2 * i], carry) = addWithCarry(doubledEven, low, carry)
                (t[2 * i + 1], carry) = addWithCarry(doubledOdd, high, carry)
            }
            // Montgomery reduction, one limb at a time; a carry out of the top limb waits in `top` for the next step.
            var top: UInt64 = 0
            for i in 0..<size {
                let row = t + i
                let m = row[0] &* negatedInverse
                var carry: UInt64 = 0
                for j in 0..<size {
                    (carry, row[j]) = multiplyAdd(m, modulus[j], row[j], carry)
                }
                (row[size], top) = addWithCarry(row[size], carry, top)
            }
            finish(result, t + size, top: top)
        }

        /// `result = value - modulus` if `value` (`size` limbs plus a `top` limb) is not below the modulus, else `value`.
        @inline(__always)
        private func finish(_ result: UnsafeMutablePointer<UInt64>, _ value: UnsafePointer<UInt64>, top: UInt64) {
            var borrow: UInt64 = 0
            for j in 0..<size {
                (result[j], borrow) = subtractWithBorrow(value[j], modulus[j], borrow)
            }
            if top < borrow { result.update(from: value, count: size) }
        }
    }
}
