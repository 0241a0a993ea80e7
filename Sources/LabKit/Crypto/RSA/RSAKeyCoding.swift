/// What the key formats share: the PEM labels, rsaEncryption's AlgorithmIdentifier, and turning the DER and
/// PEM layers' errors into `RSAKeyError`s.
enum RSAKeyCoding {
    /// PKCS #1 RSAPublicKey.
    static let pkcs1PublicLabel = "RSA PUBLIC KEY"
    /// X.509 SubjectPublicKeyInfo.
    static let subjectPublicKeyInfoLabel = "PUBLIC KEY"
    /// PKCS #1 RSAPrivateKey.
    static let pkcs1PrivateLabel = "RSA PRIVATE KEY"
    /// PKCS #8 PrivateKeyInfo, unencrypted.
    static let pkcs8Label = "PRIVATE KEY"

    /// Runs a DER reading, reporting its failure as `RSAKeyError.der`.
    static func readingDER<Result>(_ der: [UInt8], _ body: (inout DERReader) throws(DERError) -> Result) throws(RSAKeyError) -> Result {
        do {
            return try DERReader.read(der, body)
        } catch {
            throw .der(error)
        }
    }

    /// The key in PEM `text`: read with `pkcs1` under `pkcs1Label`, with `wrapped` under `wrappedLabel` (the
    /// SubjectPublicKeyInfo or PKCS #8 form); any other label throws `unexpectedPEMLabel`.
    static func key<Key>(fromPEM text: String, pkcs1Label: String, pkcs1: ([UInt8]) throws(RSAKeyError) -> Key,
                         wrappedLabel: String, wrapped: ([UInt8]) throws(RSAKeyError) -> Key) throws(RSAKeyError) -> Key {
        let armor: (label: String, der: [UInt8])
        do {
            armor = try PEM.decode(text)
        } catch {
            throw .pem(error)
        }
        switch armor.label {
        case pkcs1Label: return try pkcs1(armor.der)
        case wrappedLabel: return try wrapped(armor.der)
        default: throw .unexpectedPEMLabel(found: armor.label, expected: [wrappedLabel, pkcs1Label])
        }
    }

    /// Reads an AlgorithmIdentifier: the algorithm's identifier, then its parameters, which for RSA MUST be NULL.
    static func readAlgorithm(_ reader: inout DERReader) throws(DERError) -> OID {
        try reader.readSequence { algorithm throws(DERError) in
            let identifier = try algorithm.readObjectIdentifier()
            try algorithm.readNull()
            return identifier
        }
    }

    /// Throws `unsupportedAlgorithm` unless `identifier` is rsaEncryption.
    static func requireRSA(_ identifier: OID) throws(RSAKeyError) {
        guard identifier == .rsaEncryption else { throw .unsupportedAlgorithm(oid: identifier.description) }
    }

    /// Writes rsaEncryption's AlgorithmIdentifier, with NULL parameters.
    static func writeAlgorithm(_ writer: inout DERWriter) {
        writer.writeSequence {
            $0.writeObjectIdentifier(.rsaEncryption)
            $0.writeNull()
        }
    }
}
