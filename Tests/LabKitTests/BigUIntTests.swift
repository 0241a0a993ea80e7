import LabKit
import Testing

@Suite struct BigUIntTests {
    typealias V = BigUIntVectors

    /// The number with hex digits `text`; a typo in a test traps.
    static func number(_ text: String) -> BigUInt {
        do { return try BigUInt(hex: text) } catch { preconditionFailure("bad hex in a test: \(error)") }
    }

    @Test("hex and decimal text round-trip and match Python's")
    func text() throws {
        let a = Self.number(V.a)
        #expect(a.hex == V.a)
        #expect(a.description == V.aDecimal)
        #expect(BigUInt(0).hex == "0" && BigUInt(0).description == "0")
        #expect((BigUInt(1) << 128).description == "340282366920938463463374607431768211456")
        #expect(BigUInt(10_000_000_000_000_000_000).description == "10000000000000000000")
        #expect(try BigUInt(hex: "00000DEADbeef") == 0xdead_beef)
        #expect(BigUInt(0xdead_beef).hex == "deadbeef")
    }

    @Test("hex that is not hex, empty or over the limit throws the error that says so")
    func badHex() throws {
        #expect(throws: BigUIntError.invalidHex(offset: 2)) { try BigUInt(hex: "12g4") }
        #expect(throws: BigUIntError.invalidHex(offset: 0)) { try BigUInt(hex: "") }
        #expect(throws: BigUIntError.invalidHex(offset: 1)) { try BigUInt(hex: "0x12") }
        #expect(throws: BigUIntError.tooLarge(bits: 16_385, limit: 16_384)) { try BigUInt(hex: "1" + String(repeating: "0", count: 4_096)) }
        #expect(try BigUInt(hex: String(repeating: "0", count: 10_000) + "f") == 15)
    }

    @Test("addition and subtraction carry and borrow across limbs")
    func addAndSubtract() throws {
        let allOnes = (BigUInt(1) << 192) - 1
        #expect(allOnes.hex == String(repeating: "f", count: 48))
        #expect(allOnes + 1 == BigUInt(1) << 192)
        #expect(1 + allOnes == BigUInt(1) << 192)
        #expect(try (BigUInt(1) << 192).subtracting(1) == allOnes)
        #expect(try allOnes.subtracting(allOnes) == 0)
        #expect(try allOnes.subtracting(allOnes).isZero)
        var sum = Self.number(V.a)
        sum += Self.number(V.b)
        sum -= Self.number(V.a)
        #expect(sum == Self.number(V.b))
    }

    @Test("a subtraction with a negative result throws negativeDifference")
    func negativeDifference() {
        #expect(throws: BigUIntError.negativeDifference) { try BigUInt(5).subtracting(6) }
        #expect(throws: BigUIntError.negativeDifference) { try Self.number(V.b).subtracting(Self.number(V.a)) }
        #expect(throws: BigUIntError.negativeDifference) { try BigUInt(0).subtracting(1) }
    }

    @Test("multiplication and division match Python's a * b and divmod(a, b)")
    func multiplyAndDivide() throws {
        let a = Self.number(V.a), b = Self.number(V.b)
        #expect((a * b).hex == V.product)
        #expect((b * a).hex == V.product)
        #expect(a * 0 == 0 && 0 * a == 0 && a * 1 == a)
        let (quotient, remainder) = try a.quotientAndRemainder(dividingBy: b)
        #expect(quotient.hex == V.quotient)
        #expect(remainder.hex == V.remainder)
        #expect((a / b).hex == V.quotient && (a % b).hex == V.remainder)
        let byWord = try a.quotientAndRemainder(dividingBy: 0xfedc_ba98_7654_3210)
        #expect(byWord.quotient.hex == V.quotientByWord)
        #expect(byWord.remainder == BigUInt(V.remainderByWord))
        #expect(try b.quotientAndRemainder(dividingBy: a) == (0, b))
        #expect(try a.quotientAndRemainder(dividingBy: a) == (1, 0))
    }

    @Test("division takes algorithm D's rare add-back step correctly: 2^192 / (2^191 + 1)")
    func divisionAddBack() throws {
        // The first quotient digit is estimated as 2 from the top limbs, one too many (found by simulating D in Python).
        let (quotient, remainder) = try (BigUInt(1) << 192).quotientAndRemainder(dividingBy: (BigUInt(1) << 191) + 1)
        #expect(quotient == 1)
        #expect(remainder.hex == "7" + String(repeating: "f", count: 47))
    }

    @Test("division by zero throws divisionByZero")
    func divisionByZero() {
        #expect(throws: BigUIntError.divisionByZero) { try BigUInt(7).quotientAndRemainder(dividingBy: 0) }
        #expect(throws: BigUIntError.divisionByZero) { try BigUInt(0).quotientAndRemainder(dividingBy: 0) }
    }

    @Test("random products and quotients check out: (a·b)/b = a, a = q·b + r with r < b, (a + b) - b = a")
    func randomArithmetic() throws {
        var random = SeededRandom(seed: 0xB16_0001)
        for round in 0..<400 {
            let a = try BigUInt.random(bitCount: Int.random(in: 1...2_600, using: &random), using: &random)
            let b = try BigUInt.random(bitCount: Int.random(in: 1...1_400, using: &random), using: &random)
            #expect((a * b) / b == a, "round \(round): a = \(a.hex), b = \(b.hex)")
            #expect((a * b) % b == 0, "round \(round)")
            let (quotient, remainder) = try a.quotientAndRemainder(dividingBy: b)
            #expect(quotient * b + remainder == a && remainder < b, "round \(round): a = \(a.hex), b = \(b.hex)")
            #expect(try (a + b).subtracting(b) == a, "round \(round)")
            #expect(a * b == b * a, "round \(round)")
        }
    }

    @Test("divisors with a top limb of all ones or of one, near the quotient estimate's edge cases")
    func edgeDivisors() throws {
        var random = SeededRandom(seed: 0xB16_0002)
        for round in 0..<300 {
            let limbs = Int.random(in: 2...6, using: &random)
            let top: BigUInt = round.isMultiple(of: 2) ? BigUInt(UInt64.max) : 1
            let b = (top << (64 * (limbs - 1))) + (try BigUInt.random(below: BigUInt(1) << (64 * (limbs - 1)), using: &random))
            let a = (b << Int.random(in: 0...300, using: &random)) - (try BigUInt.random(below: b, using: &random))
            let (quotient, remainder) = try a.quotientAndRemainder(dividingBy: b)
            #expect(quotient * b + remainder == a && remainder < b, "round \(round): a = \(a.hex), b = \(b.hex)")
        }
    }

    @Test("shifts move bits across limbs both ways; a negative count shifts the other way")
    func shifts() {
        let a = Self.number(V.a)
        for count in [0, 1, 63, 64, 65, 128, 1_000] {
            #expect((a << count) >> count == a, "count \(count)")
            #expect((a << count).bitLength == a.bitLength + count, "count \(count)")
            #expect(a >> count == a / (BigUInt(1) << count), "count \(count)")
        }
        #expect(a >> 1_000 == 0 && a >> 999 == 1)
        #expect(a << -3 == a >> 3 && a >> -3 == a << 3)
        var shifted = BigUInt(1)
        shifted <<= 200
        #expect(shifted.hex == "1" + String(repeating: "0", count: 50))
        shifted >>= 199
        #expect(shifted == 2)
    }

    @Test("bit length, test bit, trailing zeros, odd and zero")
    func bits() {
        #expect(BigUInt(0).bitLength == 0 && BigUInt(1).bitLength == 1 && BigUInt(UInt64.max).bitLength == 64)
        #expect((BigUInt(1) << 64).bitLength == 65)
        let a = Self.number(V.a)
        #expect(a.bitLength == 1_000)
        #expect(a.testBit(999) && !a.testBit(1_000) && !a.testBit(-1) && !a.testBit(5_000))
        #expect(a.testBit(0) == a.isOdd)
        let sparse = (BigUInt(1) << 130) + (BigUInt(1) << 70)
        #expect(sparse.trailingZeroBitCount == 70 && sparse.testBit(70) && !sparse.testBit(69) && !sparse.testBit(71))
        #expect(BigUInt(0).trailingZeroBitCount == 0 && BigUInt(0).isZero && !BigUInt(0).isOdd)
        #expect(BigUInt(12) < 13 && BigUInt(1) << 64 > BigUInt(UInt64.max) && !(a < a))
    }

    @Test("big-endian bytes in and out, fixed widths, and leading zeros")
    func bytes() throws {
        #expect(try BigUInt(bigEndian: [0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09]).hex == "10203040506070809")
        #expect(try BigUInt(bigEndian: [0, 0, 0xff]) == 255)
        #expect(try BigUInt(bigEndian: [UInt8]()) == 0)
        #expect(BigUInt(0x0102).bigEndianBytes == [1, 2] && BigUInt(0).bigEndianBytes == [])
        #expect(try BigUInt(0x0102).bigEndianBytes(width: 4) == [0, 0, 1, 2])
        #expect(try BigUInt(0).bigEndianBytes(width: 3) == [0, 0, 0])
        let a = Self.number(V.a)
        #expect(try BigUInt(bigEndian: a.bigEndianBytes) == a)
        #expect(try BigUInt(bigEndian: [UInt8](repeating: 0, count: 5_000) + a.bigEndianBytes) == a)
        #expect(a.bigEndianBytes.count == 125)
    }

    @Test("a number too wide for its bytes throws doesNotFit; too many bits to parse throws tooLarge")
    func byteLimits() throws {
        #expect(throws: BigUIntError.doesNotFit(bytes: 2, width: 1)) { try BigUInt(0x0102).bigEndianBytes(width: 1) }
        #expect(throws: BigUIntError.doesNotFit(bytes: 1, width: 0)) { try BigUInt(1).bigEndianBytes(width: 0) }
        #expect(throws: BigUIntError.tooLarge(bits: 16_385, limit: 16_384)) { try BigUInt(bigEndian: [1] + [UInt8](repeating: 0, count: 2_048)) }
        #expect(try BigUInt(bigEndian: [UInt8](repeating: 0xff, count: 2_048)).bitLength == 16_384)
    }

    @Test("gcd and modular inverse match Python's math.gcd and pow(x, -1, m)")
    func inverse() throws {
        let a = Self.number(V.a), m = Self.number(V.m)
        #expect(BigUInt.gcd(a, m) == 3)
        #expect(BigUInt.gcd(a * 6, Self.number(V.b) * 4) == 2)
        #expect(BigUInt.gcd(0, 0) == 0 && BigUInt.gcd(0, 9) == 9 && BigUInt.gcd(9, 0) == 9)
        #expect((a + 1).inverse(modulo: m)?.hex == V.inverseOfASuccessor)
        #expect(a.inverse(modulo: m) == nil, "a and m share the factor 3")
        #expect(BigUInt(3).inverse(modulo: 0) == nil)
        #expect(BigUInt(3).inverse(modulo: 1) == 0)
        #expect(BigUInt(3).inverse(modulo: 7) == 5 && BigUInt(10).inverse(modulo: 7) == 5)
    }

    @Test("random inverses multiply back to 1")
    func randomInverses() throws {
        var random = SeededRandom(seed: 0xB16_0003)
        for round in 0..<100 {
            let m = try BigUInt.random(bitCount: Int.random(in: 2...1_100, using: &random), using: &random)
            let x = try BigUInt.random(below: m, using: &random)
            if let inverse = x.inverse(modulo: m) {
                #expect(inverse < m && x * inverse % m == 1, "round \(round): x = \(x.hex), m = \(m.hex)")
            } else {
                #expect(BigUInt.gcd(x, m) != 1, "round \(round): x = \(x.hex), m = \(m.hex)")
            }
        }
    }

    @Test("random numbers below a bound stay below it and cover small ranges evenly")
    func randomBelow() throws {
        var random = SeededRandom(seed: 0xB16_0004)
        var counts = [Int](repeating: 0, count: 10)
        for _ in 0..<10_000 { counts[Int(try BigUInt.random(below: 10, using: &random).hex, radix: 16)!] += 1 }
        #expect(counts.allSatisfy { (850...1_150).contains($0) }, "\(counts)")
        let bound = (BigUInt(1) << 1_000) + 1
        for _ in 0..<200 { #expect(try BigUInt.random(below: bound, using: &random) < bound) }
        #expect(try BigUInt.random(below: 1, using: &random) == 0)
        #expect(throws: BigUIntError.emptyRange) { try BigUInt.random(below: 0, using: &random) }
    }

    @Test("random numbers of a bit count have exactly that many bits; counts outside 1…16384 throw")
    func randomBitCount() throws {
        var random = SeededRandom(seed: 0xB16_0005)
        for bits in [1, 2, 63, 64, 65, 128, 1_024, 16_384] {
            #expect(try BigUInt.random(bitCount: bits, using: &random).bitLength == bits, "\(bits) bits")
        }
        #expect(try BigUInt.random(bitCount: 1, using: &random) == 1)
        #expect(throws: BigUIntError.invalidBitCount(0, limit: 16_384)) { try BigUInt.random(bitCount: 0, using: &random) }
        #expect(throws: BigUIntError.invalidBitCount(16_385, limit: 16_384)) { try BigUInt.random(bitCount: 16_385, using: &random) }
        #expect(throws: BigUIntError.invalidBitCount(-1, limit: 16_384)) { try BigUInt.random(bitCount: -1, using: &random) }
    }

    @Test("the same seed gives the same random numbers")
    func randomReplays() throws {
        var first = SeededRandom(seed: 42), second = SeededRandom(seed: 42)
        #expect(try BigUInt.random(bitCount: 500, using: &first) == BigUInt.random(bitCount: 500, using: &second))
    }

    @Test("errors read as sentences")
    func errorText() {
        #expect(BigUIntError.tooLarge(bits: 20_000, limit: 16_384).description == "a number of 20000 bits is larger than the limit of 16384 bits")
        #expect(BigUIntError.doesNotFit(bytes: 3, width: 2).description == "a number of 3 bytes does not fit in 2 bytes")
    }
}
