extension RSAPrivateKey {
    /// The key from PKCS #1 RSAPrivateKey DER: version 0, then n, e, d, p, q, dP, dQ, qInv as INTEGERs
    /// (version 1, multi-prime keys, throws `unsupportedVersion`).
    public init(pkcs1DER der: [UInt8]) throws(RSAKeyError) {
        let (version, numbers) = try RSAKeyCoding.readingDER(der) { reader throws(DERError) in
            try reader.readSequence { key throws(DERError) in
                let version = try key.readSmallInteger()
                var numbers: [BigUInt] = []
                for _ in 0..<8 { numbers.append(try key.readInteger()) }
                return (version, numbers)
            }
        }
        guard version == 0 else { throw .unsupportedVersion(version) }
        try self.init(modulus: numbers[0], publicExponent: numbers[1], privateExponent: numbers[2], prime1: numbers[3],
                      prime2: numbers[4], exponent1: numbers[5], exponent2: numbers[6], coefficient: numbers[7])
    }

    /// The key as PKCS #1 RSAPrivateKey DER.
    public var pkcs1DER: [UInt8] {
        var writer = DERWriter()
        writer.writeSequence { key in
            key.writeInteger(0)
            for number in [modulus, publicExponent, privateExponent, prime1, prime2, exponent1, exponent2, coefficient] {
                key.writeInteger(number)
            }
        }
        return writer.bytes
    }

    /// The key from unencrypted PKCS #8 PrivateKeyInfo DER, what `openssl genpkey` writes: version 0,
    /// rsaEncryption with NULL parameters, then the PKCS #1 key in an OCTET STRING (attributes are not supported).
    public init(pkcs8DER der: [UInt8]) throws(RSAKeyError) {
        let (version, algorithm, key) = try RSAKeyCoding.readingDER(der) { reader throws(DERError) in
            try reader.readSequence { info throws(DERError) in
                (try info.readSmallInteger(), try RSAKeyCoding.readAlgorithm(&info), try info.readOctetString())
            }
        }
        guard version == 0 else { throw .unsupportedVersion(version) }
        try RSAKeyCoding.requireRSA(algorithm)
        try self.init(pkcs1DER: key)
    }

    /// The key as PKCS #8 PrivateKeyInfo DER.
    public var pkcs8DER: [UInt8] {
        var writer = DERWriter()
        writer.writeSequence {
            $0.writeInteger(0)
            RSAKeyCoding.writeAlgorithm(&$0)
            $0.writeOctetString(pkcs1DER)
        }
        return writer.bytes
    }

    /// The key from PEM text labelled "PRIVATE KEY" (PKCS #8) or "RSA PRIVATE KEY" (PKCS #1); encrypted keys are not supported.
    public init(pem text: String) throws(RSAKeyError) {
        self = try RSAKeyCoding.key(fromPEM: text, pkcs1Label: RSAKeyCoding.pkcs1PrivateLabel, pkcs1: Self.init(pkcs1DER:),
                                    wrappedLabel: RSAKeyCoding.pkcs8Label, wrapped: Self.init(pkcs8DER:))
    }

    /// The key as PEM "RSA PRIVATE KEY" (PKCS #1), as `openssl rsa -traditional` writes it.
    public var pkcs1PEM: String { PEM.encode(pkcs1DER, label: RSAKeyCoding.pkcs1PrivateLabel) }

    /// The key as PEM "PRIVATE KEY" (PKCS #8), as `openssl genpkey` writes it.
    public var pkcs8PEM: String { PEM.encode(pkcs8DER, label: RSAKeyCoding.pkcs8Label) }
}
