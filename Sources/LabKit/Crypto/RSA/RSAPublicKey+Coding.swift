extension RSAPublicKey {
    /// The key from PKCS #1 RSAPublicKey DER, `SEQUENCE { n INTEGER, e INTEGER }`.
    public init(pkcs1DER der: [UInt8]) throws(RSAKeyError) {
        let (modulus, exponent) = try RSAKeyCoding.readingDER(der) { reader throws(DERError) in
            try reader.readSequence { key throws(DERError) in (try key.readInteger(), try key.readInteger()) }
        }
        try self.init(modulus: modulus, publicExponent: exponent)
    }

    /// The key as PKCS #1 RSAPublicKey DER.
    public var pkcs1DER: [UInt8] {
        var writer = DERWriter()
        writer.writeSequence {
            $0.writeInteger(modulus)
            $0.writeInteger(publicExponent)
        }
        return writer.bytes
    }

    /// The key from X.509 SubjectPublicKeyInfo DER, what `openssl pkey -pubout` writes: rsaEncryption with
    /// NULL parameters, then the PKCS #1 key in a BIT STRING.
    public init(subjectPublicKeyInfoDER der: [UInt8]) throws(RSAKeyError) {
        let (algorithm, key) = try RSAKeyCoding.readingDER(der) { reader throws(DERError) in
            try reader.readSequence { info throws(DERError) in (try RSAKeyCoding.readAlgorithm(&info), try info.readBitString()) }
        }
        try RSAKeyCoding.requireRSA(algorithm)
        try self.init(pkcs1DER: key)
    }

    /// The key as X.509 SubjectPublicKeyInfo DER.
    public var subjectPublicKeyInfoDER: [UInt8] {
        var writer = DERWriter()
        writer.writeSequence {
            RSAKeyCoding.writeAlgorithm(&$0)
            $0.writeBitString(pkcs1DER)
        }
        return writer.bytes
    }

    /// The key from PEM text labelled "PUBLIC KEY" (SubjectPublicKeyInfo) or "RSA PUBLIC KEY" (PKCS #1).
    public init(pem text: String) throws(RSAKeyError) {
        self = try RSAKeyCoding.key(fromPEM: text, pkcs1Label: RSAKeyCoding.pkcs1PublicLabel, pkcs1: Self.init(pkcs1DER:),
                                    wrappedLabel: RSAKeyCoding.subjectPublicKeyInfoLabel, wrapped: Self.init(subjectPublicKeyInfoDER:))
    }

    /// The key as PEM "RSA PUBLIC KEY" (PKCS #1), as `openssl rsa -RSAPublicKey_out` writes it.
    public var pkcs1PEM: String { PEM.encode(pkcs1DER, label: RSAKeyCoding.pkcs1PublicLabel) }

    /// The key as PEM "PUBLIC KEY" (SubjectPublicKeyInfo), as `openssl pkey -pubout` writes it.
    public var subjectPublicKeyInfoPEM: String { PEM.encode(subjectPublicKeyInfoDER, label: RSAKeyCoding.subjectPublicKeyInfoLabel) }
}
