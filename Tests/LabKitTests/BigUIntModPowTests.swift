@testable import LabKit
import Testing

@Suite struct BigUIntModPowTests {
    typealias V = BigUIntVectors
    static let number = BigUIntTests.number

    /// "The quick brown fox jumps over the lazy dog" as a big-endian number.
    static let message = try! BigUInt(bigEndian: Array("The quick brown fox jumps over the lazy dog".utf8))
    /// pow(message, 65537, n) for the fixture key's n, computed with Python.
    static let ciphertext = "a2f4c3b1e77c4d5b03cc823dd82189d2c22d008f46355a9801a13204a48a3fae1a2aed625d15989e2bffd7ea9610f75e"
        + "bb43b90bfd65e09bce5799415564370c1fd42e70d4325fcfc5bf1a42ea52522f3e33e5fce714de8353a7551489cbec9e"
        + "2f7f6ca4ece8ce41f062d9de600411c194b5532bf179b869de751e49a303675afb79771bac6f318347c4c873f707d2b9"
        + "299fa55090220e198c0d2f0318bb7be6015c70b87c67108f25238234e617a3a809594d5d15de35d6185159f060c9e7d9"
        + "f930d4d37b6c1a7b3c1dc31d9c0ec5febcc076bb29235d9676bde87d0d73881cfc3919dc75cc673d9f3daec0008ea28f"
        + "9bae9cf53f0604c6e113cd0d70a036f0"

    @Test("modular powers match Python's pow(a, e, m) for an odd and an even 1024-bit modulus")
    func knownPowers() throws {
        let a = Self.number(V.a), e = Self.number(V.e), m = Self.number(V.m)
        #expect(try a.power(e, modulo: m).hex == V.power)
        #expect(try Montgomery(modulus: m).power(a, e).hex == V.power)
        #expect(try a.power(e, modulo: m + 1).hex == V.evenPower)
        #expect(try BigUInt(3).power(2_023, modulo: 1_000) == 827)
        #expect(try BigUInt(7).power((BigUInt(1) << 100) + 3, modulo: BigUInt(1) << 70) == 343)
    }

    @Test("each window width gives Python's answer, on both sides of every threshold", arguments: BigUIntVectors.windows)
    func windows(exponent: String, power: String) throws {
        let a = Self.number(V.a), m = Self.number(V.m)
        #expect(try a.power(Self.number(exponent), modulo: m).hex == power, "exponent of \(Self.number(exponent).bitLength) bits")
    }

    @Test("the fixture key encrypts to Python's ciphertext, and d and the CRT values decrypt it")
    func rsaRoundTrip() throws {
        let n = Self.number(RSAKeyFixtures.modulus), d = Self.number(RSAKeyFixtures.privateExponent)
        let p = Self.number(RSAKeyFixtures.prime1), q = Self.number(RSAKeyFixtures.prime2)
        let ciphertext = try Self.message.power(65_537, modulo: n)
        #expect(ciphertext.hex == Self.ciphertext)
        #expect(try ciphertext.power(d, modulo: n) == Self.message)
        let m1 = try Montgomery(modulus: p).power(ciphertext, Self.number(RSAKeyFixtures.exponent1))
        let m2 = try Montgomery(modulus: q).power(ciphertext, Self.number(RSAKeyFixtures.exponent2))
        let h = Self.number(RSAKeyFixtures.coefficient) * ((m1 + p - m2 % p) % p) % p
        #expect(m2 + h * q == Self.message)
        // Fermat: the fixture's primes satisfy a^(p-1) ≡ 1 (mod p).
        #expect(try BigUInt(2).power(p - 1, modulo: p) == 1 && BigUInt(3).power(q - 1, modulo: q) == 1)
    }

    @Test("edge cases: exponent 0, base 0, base 1, base above the modulus, modulus 1 and 2")
    func edges() throws {
        let m = Self.number(V.m), a = Self.number(V.a)
        #expect(try a.power(0, modulo: m) == 1)
        #expect(try BigUInt(0).power(0, modulo: m) == 1)
        #expect(try BigUInt(0).power(5, modulo: m) == 0)
        #expect(try BigUInt(1).power(Self.number(V.e), modulo: m) == 1)
        #expect(try (a * m + 5).power(3, modulo: m) == 125)
        #expect(try (m - 1).power(2, modulo: m) == 1)
        #expect(try a.power(Self.number(V.e), modulo: 1) == 0)
        #expect(try a.power(0, modulo: 1) == 0)
        #expect(try BigUInt(3).power(5, modulo: 2) == 1 && BigUInt(4).power(5, modulo: 2) == 0)
        #expect(try BigUInt(5).power(3, modulo: 7) == 6)
    }

    @Test("a zero modulus throws divisionByZero; Montgomery refuses an even modulus")
    func badModuli() {
        #expect(throws: BigUIntError.divisionByZero) { try BigUInt(3).power(5, modulo: 0) }
        #expect(throws: BigUIntError.divisionByZero) { try Montgomery(modulus: 0) }
        #expect(throws: BigUIntError.evenModulus) { try Montgomery(modulus: 1_000) }
        #expect(throws: BigUIntError.evenModulus) { try Montgomery(modulus: BigUInt(1) << 1_024) }
    }

    @Test("Montgomery agrees with plain square-and-multiply on random odd moduli of 1 to 40 limbs")
    func montgomeryMatchesPlain() throws {
        var random = SeededRandom(seed: 0x0DD_0001)
        for round in 0..<250 {
            let limbs = round % 40 + 1
            var modulus = try BigUInt.random(bitCount: 64 * limbs - Int.random(in: 0...63, using: &random), using: &random)
            switch round % 5 {
            case 0: modulus = (BigUInt(1) << (64 * limbs)) - 1   // all ones: the final subtraction is taken often
            case 1: modulus = (BigUInt(1) << (64 * limbs - 64)) + 1   // a top limb of 1
            default: break
            }
            if !modulus.isOdd { modulus += 1 }
            let base = try BigUInt.random(below: modulus << 3, using: &random)
            let exponent = try BigUInt.random(bitCount: Int.random(in: 1...(round.isMultiple(of: 10) ? 1_100 : 200), using: &random), using: &random)
            let expected = base.plainPower(exponent, modulo: modulus)
            #expect(try Montgomery(modulus: modulus).power(base, exponent) == expected,
                    "round \(round): base \(base.hex), exponent \(exponent.hex), modulus \(modulus.hex)")
        }
    }

    @Test("one Montgomery value serves many powers: x^a · x^b = x^(a+b)")
    func reuse() throws {
        var random = SeededRandom(seed: 0x0DD_0002)
        let field = try Montgomery(modulus: Self.number(RSAKeyFixtures.prime1))
        #expect(field.modulus == Self.number(RSAKeyFixtures.prime1))
        for round in 0..<20 {
            let x = try BigUInt.random(below: field.modulus, using: &random)
            let a = try BigUInt.random(bitCount: 300, using: &random), b = try BigUInt.random(bitCount: 1_000, using: &random)
            #expect(field.power(x, a) * field.power(x, b) % field.modulus == field.power(x, a + b), "round \(round)")
        }
    }
}
