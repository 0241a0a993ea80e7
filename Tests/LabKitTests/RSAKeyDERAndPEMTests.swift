import LabKit
import Testing

/// The DER and PEM layers under the RSA keys, fed malformed and hostile input.
@Suite struct RSAKeyDERAndPEMTests {
    typealias F = RSAKeyFixtures
    static let fixtureKey = RSAKeyCodingTests.fixtureKey

    /// Reads `der` as one INTEGER.
    static func integer(_ der: [UInt8]) throws(DERError) -> BigUInt {
        try DERReader.read(der) { reader throws(DERError) in try reader.readInteger() }
    }

    @Test("the writer produces the canonical encodings of lengths, integers, NULL and rsaEncryption")
    func writerEncodings() {
        var writer = DERWriter()
        writer.writeInteger(0)
        writer.writeInteger(127)
        writer.writeInteger(128)
        writer.writeNull()
        writer.writeObjectIdentifier(.rsaEncryption)
        #expect(writer.bytes == [0x02, 0x01, 0x00, 0x02, 0x01, 0x7F, 0x02, 0x02, 0x00, 0x80, 0x05, 0x00,
                                 0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x01])
        var long = DERWriter()
        long.writeOctetString([UInt8](repeating: 7, count: 200))
        long.writeOctetString([UInt8](repeating: 7, count: 300))
        #expect(Array(long.bytes.prefix(3)) == [0x04, 0x81, 200])
        #expect(Array(long.bytes[203..<207]) == [0x04, 0x82, 0x01, 0x2C])
    }

    @Test("what the writer writes, the reader reads back")
    func readerReadsWriter() throws {
        let identifier = OID(2, 999, 1 << 40, 0)
        var writer = DERWriter()
        writer.writeSequence {
            $0.writeInteger(300)
            $0.writeObjectIdentifier(identifier)
            $0.writeBitString([1, 2, 3])
            $0.writeSequence { $0.writeNull() }
        }
        let values = try DERReader.read(writer.bytes) { reader throws(DERError) in
            try reader.readSequence { sequence throws(DERError) in
                let values = (try sequence.readSmallInteger(), try sequence.readObjectIdentifier(), try sequence.readBitString())
                try sequence.readSequence { inner throws(DERError) in try inner.readNull() }
                return values
            }
        }
        #expect(values.0 == 300 && values.1 == identifier && values.2 == [1, 2, 3])
        #expect(identifier.description == "2.999.1099511627776.0" && OID.rsaEncryption.description == "1.2.840.113549.1.1.1")
    }

    @Test("non-canonical and malformed DER throws the error that names the problem")
    func malformedDER() {
        #expect(throws: DERError.indefiniteLength) { try Self.integer([0x02, 0x80, 0x01, 0x00, 0x00]) }
        #expect(throws: DERError.nonMinimalLength) { try Self.integer([0x02, 0x81, 0x01, 0x05]) }
        #expect(throws: DERError.nonMinimalLength) { try Self.integer([0x02, 0x82, 0x00, 0x81] + [UInt8](repeating: 1, count: 129)) }
        #expect(throws: DERError.oversizedLength(lengthBytes: 5)) { try Self.integer([0x02, 0x85, 1, 0, 0, 0, 0]) }
        #expect(throws: DERError.oversizedLength(lengthBytes: 127)) { try Self.integer([0x02, 0xFF]) }
        #expect(throws: DERError.truncated(needed: 4_000, available: 1)) { try Self.integer([0x02, 0x82, 0x0F, 0xA0, 0x01]) }
        #expect(throws: DERError.truncated(needed: 2, available: 1)) { try Self.integer([0x02, 0x82, 0x0F]) }
        #expect(throws: DERError.nonMinimalInteger) { try Self.integer([0x02, 0x02, 0x00, 0x7F]) }
        #expect(throws: DERError.negativeInteger) { try Self.integer([0x02, 0x01, 0xFF]) }
        #expect(throws: DERError.emptyInteger) { try Self.integer([0x02, 0x00]) }
        #expect(throws: DERError.unexpectedTag(found: 0x04, expected: 0x02)) { try Self.integer([0x04, 0x00]) }
        #expect(throws: DERError.unexpectedTag(found: 0x1F, expected: 0x02)) { try Self.integer([0x1F, 0x81, 0x00, 0x00]) }
        #expect(throws: DERError.trailingBytes(count: 2)) { try Self.integer([0x02, 0x01, 0x05, 0x00, 0x00]) }
        #expect(throws: DERError.truncated(needed: 2, available: 0)) { try Self.integer([]) }
        #expect(throws: DERError.integerTooLarge(bits: 16_385, limit: 16_384)) {
            try Self.integer([0x02, 0x82, 0x08, 0x01, 0x01] + [UInt8](repeating: 0, count: 2_048))
        }
        #expect(throws: DERError.inputTooLarge(length: 65_537, limit: 65_536)) {
            try Self.integer([0x04, 0x83, 0x01, 0x00, 0x00] + [UInt8](repeating: 0, count: 65_532))
        }
        #expect(throws: DERError.invalidBitString(unusedBits: 3)) {
            try DERReader.read([0x03, 0x02, 0x03, 0xF8]) { reader throws(DERError) in try reader.readBitString() }
        }
        #expect(throws: DERError.nonEmptyNull(length: 1)) { try DERReader.read([0x05, 0x01, 0x00]) { reader throws(DERError) in try reader.readNull() } }
        for bad: [UInt8] in [[0x06, 0x00], [0x06, 0x02, 0x2A, 0x86], [0x06, 0x02, 0x80, 0x01], [0x06, 0x0A] + [UInt8](repeating: 0xFF, count: 9) + [0x01]] {
            #expect(throws: DERError.invalidObjectIdentifier, "\(bad.hex)") {
                try DERReader.read(bad) { reader throws(DERError) in try reader.readObjectIdentifier() }
            }
        }
    }

    @Test("SEQUENCEs nested deeper than the limit throw tooDeep instead of recursing further")
    func depth() {
        var der: [UInt8] = [0x05, 0x00]
        for _ in 0..<9 { der = [0x30, UInt8(der.count)] + der }
        func readNested(_ reader: inout DERReader) throws(DERError) {
            if reader.isAtEnd { return }
            do { try reader.readNull() } catch .unexpectedTag { try reader.readSequence { inner throws(DERError) in try readNested(&inner) } }
        }
        #expect(throws: DERError.tooDeep(limit: 8)) { try DERReader.read(der) { reader throws(DERError) in try readNested(&reader) } }
        #expect(throws: Never.self) { try DERReader.read(Array(der.dropFirst(2))) { reader throws(DERError) in try readNested(&reader) } }
    }

    @Test("every truncation of a PKCS #8 key throws a truncated-DER error, and every extra byte trailingBytes")
    func truncationsAndTrailingBytes() throws {
        let der = Self.fixtureKey.pkcs8DER
        for length in 0..<der.count {
            do {
                _ = try RSAPrivateKey(pkcs8DER: Array(der.prefix(length)))
                Issue.record("a \(length)-byte prefix was accepted")
            } catch {
                guard case .der(.truncated) = error else { Issue.record("prefix \(length): \(error)"); continue }
            }
        }
        #expect(throws: RSAKeyError.der(.trailingBytes(count: 1))) { try RSAPrivateKey(pkcs8DER: der + [0]) }
        #expect(throws: RSAKeyError.der(.trailingBytes(count: 3))) { try RSAPublicKey(pkcs1DER: Self.fixtureKey.publicKey.pkcs1DER + [1, 2, 3]) }
    }

    @Test("seeded random corruptions of a key's DER are refused with an RSAKeyError or still make a valid key")
    func corruptions() throws {
        var random = SeededRandom(seed: 0xDE7_0001)
        let der = Self.fixtureKey.pkcs1DER
        var refused = 0
        for round in 0..<2_000 {
            var corrupted = der
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                corrupted[Int.random(in: 0..<min(corrupted.count, round.isMultiple(of: 2) ? 40 : corrupted.count), using: &random)] = random.next() as UInt8
            }
            do {
                let key = try RSAPrivateKey(pkcs1DER: corrupted)
                #expect(key.pkcs1DER == corrupted, "round \(round): an accepted key must be canonical DER")
            } catch {
                refused += 1
            }
        }
        #expect(refused > 1_900)
    }

    @Test("structures of the wrong version or algorithm are refused")
    func versionsAndAlgorithms() throws {
        let key = Self.fixtureKey
        var pkcs1 = key.pkcs1DER
        pkcs1[6] = 1  // 30 82 04 a4 02 01 [00]: the version
        #expect(throws: RSAKeyError.unsupportedVersion(1)) { try RSAPrivateKey(pkcs1DER: pkcs1) }
        var pkcs8 = key.pkcs8DER
        pkcs8[6] = 1
        #expect(throws: RSAKeyError.unsupportedVersion(1)) { try RSAPrivateKey(pkcs8DER: pkcs8) }
        func subjectPublicKeyInfo(_ algorithm: (inout DERWriter) -> Void) -> [UInt8] {
            var writer = DERWriter()
            writer.writeSequence {
                $0.writeSequence(algorithm)
                $0.writeBitString(key.publicKey.pkcs1DER)
            }
            return writer.bytes
        }
        let ecPublicKey = OID(1, 2, 840, 10_045, 2, 1)
        #expect(throws: RSAKeyError.unsupportedAlgorithm(oid: "1.2.840.10045.2.1")) {
            try RSAPublicKey(subjectPublicKeyInfoDER: subjectPublicKeyInfo { $0.writeObjectIdentifier(ecPublicKey); $0.writeNull() })
        }
        #expect(throws: RSAKeyError.der(.unexpectedTag(found: 0x06, expected: 0x05))) {
            try RSAPublicKey(subjectPublicKeyInfoDER: subjectPublicKeyInfo { $0.writeObjectIdentifier(.rsaEncryption); $0.writeObjectIdentifier(ecPublicKey) })
        }
        #expect(throws: RSAKeyError.der(.truncated(needed: 2, available: 0))) {
            try RSAPublicKey(subjectPublicKeyInfoDER: subjectPublicKeyInfo { $0.writeObjectIdentifier(.rsaEncryption) })
        }
        var writer = DERWriter()
        writer.writeSequence {
            $0.writeInteger(0)
            $0.writeSequence { $0.writeObjectIdentifier(ecPublicKey); $0.writeNull() }
            $0.writeOctetString(key.pkcs1DER)
        }
        #expect(throws: RSAKeyError.unsupportedAlgorithm(oid: "1.2.840.10045.2.1")) { try RSAPrivateKey(pkcs8DER: writer.bytes) }
    }

    @Test("malformed PEM throws the error that names the problem")
    func malformedPEM() {
        let pem = F.subjectPublicKeyInfoPEM
        #expect(throws: RSAKeyError.pem(.missingBeginLine)) { try RSAPublicKey(pem: "hello") }
        #expect(throws: RSAKeyError.pem(.missingBeginLine)) { try RSAPublicKey(pem: "") }
        #expect(throws: RSAKeyError.pem(.missingBeginLine)) { try RSAPublicKey(pem: "-----BEGIN -----\n-----END -----\n") }
        #expect(throws: RSAKeyError.pem(.missingEndLine(label: "PUBLIC KEY"))) {
            try RSAPublicKey(pem: String(pem.split(separator: "\n").dropLast().joined(separator: "\n")))
        }
        #expect(throws: RSAKeyError.pem(.mismatchedEndLine(begin: "PUBLIC KEY", end: "PRIVATE KEY"))) {
            try RSAPublicKey(pem: pem.replacingOccurrences(of: "END PUBLIC", with: "END PRIVATE"))
        }
        #expect(throws: RSAKeyError.pem(.invalidBase64(line: 3))) { try RSAPublicKey(pem: pem.replacingOccurrences(of: "w0bT", with: "w0b*")) }
        #expect(throws: RSAKeyError.pem(.invalidBase64(line: 9)), "a base64 length that is not a multiple of 4 is blamed on the END line") {
            try RSAPublicKey(pem: pem.replacingOccurrences(of: "IDAQAB", with: "IDAQA"))
        }
        #expect(throws: RSAKeyError.pem(.textAfterEndLine(line: 11))) { try RSAPublicKey(pem: pem + "\nmore\n") }
        #expect(throws: RSAKeyError.pem(.textTooLarge(length: 131_073, limit: 131_072))) {
            try RSAPublicKey(pem: String(repeating: "A", count: 131_073))
        }
        #expect(throws: RSAKeyError.unexpectedPEMLabel(found: "PUBLIC KEY", expected: ["PRIVATE KEY", "RSA PRIVATE KEY"])) {
            try RSAPrivateKey(pem: pem)
        }
        #expect(throws: RSAKeyError.unexpectedPEMLabel(found: "PRIVATE KEY", expected: ["PUBLIC KEY", "RSA PUBLIC KEY"])) {
            try RSAPublicKey(pem: F.pkcs8PEM)
        }
        #expect(throws: RSAKeyError.der(.truncated(needed: 2, available: 0))) {
            try RSAPublicKey(pem: "-----BEGIN PUBLIC KEY-----\n-----END PUBLIC KEY-----\n")
        }
    }

    @Test("base64 must be canonical: no stray bits under the padding, padding only at the end")
    func strictBase64() throws {
        #expect(try PEM.decode("-----BEGIN X-----\nQQ==\n-----END X-----").der == [0x41])
        #expect(try PEM.decode("-----BEGIN X-----\nQUI=\n-----END X-----").der == [0x41, 0x42])
        for body in ["QR==", "QUJ=", "QQ=A", "Q===", "QUJDR", "=QUJ"] {
            #expect(throws: PEMError.invalidBase64(line: 3), "\(body)") { try PEM.decode("-----BEGIN X-----\n\(body)\n-----END X-----") }
        }
        let bytes = (0..<200).map { UInt8($0) }
        let armored = PEM.encode(bytes, label: "TEST")
        #expect(try PEM.decode(armored) == ("TEST", bytes))
        #expect(armored.split(separator: "\n").dropFirst().dropLast().dropLast().allSatisfy { $0.count == 64 })
    }

    @Test("errors read as sentences")
    func errorText() {
        #expect(DERError.unexpectedTag(found: 0x04, expected: 0x02).description
                == "expected an INTEGER (tag 0x02) but found an OCTET STRING (tag 0x04)")
        #expect(RSAKeyError.evenModulus.description == "the modulus n is even; an RSA modulus is the product of two odd primes")
        #expect(RSAKeyError.pem(.invalidBase64(line: 7)).description
                == "malformed key PEM: line 7 of the PEM text is not base64 (an encrypted key's headers also end up here)")
    }
}
