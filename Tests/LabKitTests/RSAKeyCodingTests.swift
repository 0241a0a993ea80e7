import Foundation
import LabKit
import Testing

@Suite struct RSAKeyCodingTests {
    typealias F = RSAKeyFixtures
    static let number = BigUIntTests.number
    static let fixtureKey = try! RSAPrivateKey(pem: F.pkcs8PEM)

    /// The fixture's numbers n, e, d, p, q, dP, dQ, qInv, as `openssl rsa -text` printed them.
    static var fixtureNumbers: [BigUInt] {
        [number(F.modulus), BigUInt(F.publicExponent), number(F.privateExponent), number(F.prime1), number(F.prime2),
         number(F.exponent1), number(F.exponent2), number(F.coefficient)]
    }

    /// A private key from the numbers n, e, d, p, q, dP, dQ, qInv.
    static func privateKey(_ numbers: [BigUInt]) throws(RSAKeyError) -> RSAPrivateKey {
        try RSAPrivateKey(modulus: numbers[0], publicExponent: numbers[1], privateExponent: numbers[2], prime1: numbers[3],
                          prime2: numbers[4], exponent1: numbers[5], exponent2: numbers[6], coefficient: numbers[7])
    }

    @Test("a key from openssl genpkey imports with the numbers openssl rsa -text prints")
    func importsOpenSSLKey() throws {
        let key = Self.fixtureKey
        #expect(key.modulus.hex == F.modulus && key.modulus.bitLength == 2_048)
        #expect(key.publicExponent == 65_537)
        #expect(key.privateExponent.hex == F.privateExponent)
        #expect(key.prime1.hex == F.prime1 && key.prime2.hex == F.prime2)
        #expect(key.exponent1.hex == F.exponent1 && key.exponent2.hex == F.exponent2 && key.coefficient.hex == F.coefficient)
        #expect(key.publicKey.modulusByteCount == 256)
        #expect(try RSAPrivateKey(pem: F.pkcs1PEM) == key)
        #expect(try Self.privateKey(Self.fixtureNumbers) == key)
    }

    @Test("private keys export byte for byte as openssl wrote them, in PKCS #1 and PKCS #8")
    func privateRoundTrip() throws {
        let key = Self.fixtureKey
        #expect(key.pkcs8PEM == F.pkcs8PEM)
        #expect(key.pkcs1PEM == F.pkcs1PEM)
        #expect(try RSAPrivateKey(pkcs8DER: key.pkcs8DER) == key)
        #expect(try RSAPrivateKey(pkcs1DER: key.pkcs1DER) == key)
        #expect(try PEM.decode(F.pkcs8PEM).der == key.pkcs8DER)
    }

    @Test("public keys import from both forms and export byte for byte as openssl wrote them")
    func publicRoundTrip() throws {
        let key = Self.fixtureKey.publicKey
        #expect(try RSAPublicKey(pem: F.subjectPublicKeyInfoPEM) == key)
        #expect(try RSAPublicKey(pem: F.pkcs1PublicPEM) == key)
        #expect(key.subjectPublicKeyInfoPEM == F.subjectPublicKeyInfoPEM)
        #expect(key.pkcs1PEM == F.pkcs1PublicPEM)
        #expect(try RSAPublicKey(subjectPublicKeyInfoDER: key.subjectPublicKeyInfoDER) == key)
        #expect(try RSAPublicKey(pkcs1DER: key.pkcs1DER) == key)
    }

    @Test("CRLF line endings, indentation and explanatory text before the armor are accepted")
    func lenientWhitespace() throws {
        let crlf = F.pkcs8PEM.replacingOccurrences(of: "\n", with: "\r\n")
        #expect(try RSAPrivateKey(pem: crlf) == Self.fixtureKey)
        let indented = "Subject: test key\n\n" + F.subjectPublicKeyInfoPEM.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n") + "\n\n"
        #expect(try RSAPublicKey(pem: indented) == Self.fixtureKey.publicKey)
    }

    @Test("a private key prints its size and none of its secrets")
    func description() {
        let text = "\(Self.fixtureKey)"
        #expect(text == "RSA private key (2048-bit modulus)")
        #expect(!text.contains(String(F.prime1.prefix(16))))
    }

    @Test("each broken public-key rule throws the error naming it")
    func publicKeyRules() throws {
        let n = Self.number(F.modulus)
        #expect(throws: RSAKeyError.zeroModulus) { try RSAPublicKey(modulus: 0, publicExponent: 65_537) }
        #expect(throws: RSAKeyError.evenModulus) { try RSAPublicKey(modulus: n + 1, publicExponent: 65_537) }
        #expect(throws: RSAKeyError.modulusTooLarge(bits: 16_385, limit: 16_384)) {
            try RSAPublicKey(modulus: (BigUInt(1) << 16_384) + 1, publicExponent: 65_537)
        }
        #expect(throws: RSAKeyError.publicExponentTooSmall) { try RSAPublicKey(modulus: n, publicExponent: 1) }
        #expect(throws: RSAKeyError.publicExponentTooSmall) { try RSAPublicKey(modulus: n, publicExponent: 0) }
        #expect(throws: RSAKeyError.evenPublicExponent) { try RSAPublicKey(modulus: n, publicExponent: 65_536) }
        #expect(throws: RSAKeyError.publicExponentNotBelowModulus) { try RSAPublicKey(modulus: n, publicExponent: n) }
        #expect(throws: RSAKeyError.publicExponentNotBelowModulus) { try RSAPublicKey(modulus: n, publicExponent: n + 2) }
        #expect(try RSAPublicKey(modulus: (BigUInt(1) << 16_383) + 1, publicExponent: 3).modulusByteCount == 2_048)
    }

    @Test("the same rules hold for keys read from DER")
    func publicKeyRulesFromDER() throws {
        let n = Self.number(F.modulus)
        func der(_ modulus: BigUInt, _ exponent: BigUInt) -> [UInt8] {
            var writer = DERWriter()
            writer.writeSequence { $0.writeInteger(modulus); $0.writeInteger(exponent) }
            return writer.bytes
        }
        #expect(throws: RSAKeyError.zeroModulus) { try RSAPublicKey(pkcs1DER: der(0, 65_537)) }
        #expect(throws: RSAKeyError.evenModulus) { try RSAPublicKey(pkcs1DER: der(n - 1, 65_537)) }
        #expect(throws: RSAKeyError.publicExponentTooSmall) { try RSAPublicKey(pkcs1DER: der(n, 1)) }
        #expect(throws: RSAKeyError.evenPublicExponent) { try RSAPublicKey(pkcs1DER: der(n, 4)) }
        #expect(throws: RSAKeyError.publicExponentNotBelowModulus) { try RSAPublicKey(pkcs1DER: der(n, n)) }
        #expect(throws: RSAKeyError.der(.integerTooLarge(bits: 16_392, limit: 16_384))) {
            try RSAPublicKey(pkcs1DER: der((BigUInt(1) << 16_391) + 1, 65_537))
        }
    }

    @Test("each broken private-key rule throws the error naming it")
    func privateKeyRules() throws {
        let numbers = Self.fixtureNumbers
        let (n, d, p, q) = (numbers[0], numbers[2], numbers[3], numbers[4])
        func changed(_ index: Int, _ value: BigUInt) -> [BigUInt] {
            var copy = numbers
            copy[index] = value
            return copy
        }
        #expect(throws: RSAKeyError.evenModulus) { try Self.privateKey(changed(0, n + 1)) }
        #expect(throws: RSAKeyError.privateExponentOutOfRange) { try Self.privateKey(changed(2, 0)) }
        #expect(throws: RSAKeyError.privateExponentOutOfRange) { try Self.privateKey(changed(2, n)) }
        #expect(throws: RSAKeyError.primeTooSmall) { try Self.privateKey(changed(3, 1)) }
        #expect(throws: RSAKeyError.primeTooSmall) { try Self.privateKey([n, 65_537, d, n, 1, 1, 1, 1]) }
        #expect(throws: RSAKeyError.primesDoNotMultiplyToModulus) { try Self.privateKey(changed(3, p + 2)) }
        #expect(throws: RSAKeyError.equalPrimes) { try Self.privateKey([p * p, 65_537, 5, p, p, 5, 5, 1]) }
        #expect(throws: RSAKeyError.crtExponentMismatch(name: "exponent1")) { try Self.privateKey(changed(5, numbers[5] + 1)) }
        #expect(throws: RSAKeyError.crtExponentMismatch(name: "exponent2")) { try Self.privateKey(changed(6, numbers[6] + 1)) }
        #expect(throws: RSAKeyError.coefficientMismatch) { try Self.privateKey(changed(7, numbers[7] + 1)) }
        #expect(throws: RSAKeyError.coefficientMismatch) { try Self.privateKey(changed(7, numbers[7] + p)) }
        // d + 2 with dP and dQ reduced from it is consistent, but no longer inverts e.
        let wrongD = d + 2
        #expect(throws: RSAKeyError.exponentsNotInverse) {
            try Self.privateKey([n, 65_537, wrongD, p, q, wrongD % (p - 1), wrongD % (q - 1), numbers[7]])
        }
    }

    @Test("a key the kit builds from p, q and e is accepted by openssl rsa -check, pkey and pkeyutl",
          .enabled(if: OpenSSLCommand.path != nil, "openssl is not installed on this machine"))
    func openSSLAcceptsExportedKey() async throws {
        // d = e⁻¹ mod φ(n) here, where openssl uses λ(n): a key openssl did not write.
        let (p, q, e) = (Self.number(F.prime1), Self.number(F.prime2), BigUInt(65_537))
        let d = try #require(e.inverse(modulo: (p - 1) * (q - 1)))
        let key = try RSAPrivateKey(modulus: p * q, publicExponent: e, privateExponent: d, prime1: p, prime2: q,
                                    exponent1: d % (p - 1), exponent2: d % (q - 1), coefficient: try #require(q.inverse(modulo: p)))
        #expect(key.privateExponent != Self.fixtureKey.privateExponent)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rsa-key-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        func file(_ name: String, _ contents: [UInt8]) throws -> String {
            let path = folder.appendingPathComponent(name).path
            try Data(contents).write(to: URL(fileURLWithPath: path))
            return path
        }
        let pkcs1 = try file("pkcs1.pem", Array(key.pkcs1PEM.utf8)), pkcs8 = try file("pkcs8.pem", Array(key.pkcs8PEM.utf8))
        let spki = try file("spki.pem", Array(key.publicKey.subjectPublicKeyInfoPEM.utf8))
        let rsaPublic = try file("pkcs1pub.pem", Array(key.publicKey.pkcs1PEM.utf8))
        // A raw RSA block: a 255-byte number below n, so that both sides can compute c = m^e mod n.
        let message = Array((0..<255).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 1) })
        let messageFile = try file("message", [0] + message)

        try await offThePool {
            #expect(try OpenSSLCommand.run(["rsa", "-check", "-noout", "-in", pkcs1]) == "RSA key ok\n")
            #expect(try OpenSSLCommand.run(["pkey", "-in", pkcs8, "-pubout"]) == key.publicKey.subjectPublicKeyInfoPEM)
            #expect(try OpenSSLCommand.run(["pkey", "-pubin", "-in", spki, "-pubout"]) == key.publicKey.subjectPublicKeyInfoPEM)
            #expect(try OpenSSLCommand.run(["rsa", "-RSAPublicKey_in", "-in", rsaPublic, "-RSAPublicKey_out"]) == key.publicKey.pkcs1PEM)
            let ciphertext = try OpenSSLCommand.runBytes(["pkeyutl", "-encrypt", "-pubin", "-inkey", spki, "-pkeyopt", "rsa_padding_mode:none",
                                                   "-in", messageFile])
            #expect(try BigUInt(bigEndian: ciphertext).power(key.privateExponent, modulo: key.modulus) == BigUInt(bigEndian: message))
            let ours = try BigUInt(bigEndian: message).power(key.publicExponent, modulo: key.modulus).bigEndianBytes(width: 256)
            let oursFile = try file("ours", ours)
            #expect(try OpenSSLCommand.runBytes(["pkeyutl", "-decrypt", "-inkey", pkcs8, "-pkeyopt", "rsa_padding_mode:none", "-in", oursFile])
                    == [0] + message)
        }
    }
}

extension RSAKeyCodingTests {
    /// The `openssl` command, for the interoperability test.
    enum OpenSSLCommand {
        /// Where `openssl` is on the PATH, or nil when it is not installed.
        static let path: String? = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
            .map { "\($0)/openssl" }.first { FileManager.default.isExecutableFile(atPath: $0) }

        /// What `openssl arguments…` printed, as text; a failure exit throws.
        static func run(_ arguments: [String]) throws -> String {
            String(decoding: try runBytes(arguments), as: UTF8.self)
        }

        /// What `openssl arguments…` printed; a failure exit throws `Failure`.
        static func runBytes(_ arguments: [String]) throws -> [UInt8] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: try #require(path))
            process.arguments = arguments
            let output = Pipe()
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            try process.run()
            let bytes = [UInt8](output.fileHandleForReading.readDataToEndOfFile())
            process.waitUntilExit()
            guard process.terminationStatus == 0 else { throw Failure(arguments: arguments, status: process.terminationStatus) }
            return bytes
        }

        /// openssl exited with a failure status.
        struct Failure: Error, CustomStringConvertible {
            let arguments: [String]
            let status: Int32
            var description: String { "openssl \(arguments.joined(separator: " ")) exited with status \(status)" }
        }
    }
}
