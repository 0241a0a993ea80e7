import MessagingKit

/// One of Wycheproof's RSAES-OAEP decryption cases (`Vectors/rsa_oaep_2048_sha256_mgf1sha256_test.json`).
package struct OAEPCase: Sendable {
    package let id: Int
    package let comment: String
    package let flags: [String]
    package let message: [UInt8]
    package let ciphertext: [UInt8]
    package let label: [UInt8]
    /// Whether the ciphertext decrypts (to `message`); an invalid one must fail with the one decryption error.
    package let isValid: Bool

    /// "case 12 (first byte of l_hash modified)", for failure messages.
    package var name: String { "Wycheproof case \(id)\(comment.isEmpty ? "" : " (\(comment))")" }
}

/// Wycheproof's 2048-bit OAEP key and its 37 cases: 18 valid, 19 invalid.
package struct WycheproofOAEP: Sendable {
    package let key: RSAPrivateKey
    package let cases: [OAEPCase]

    /// The file as published: one group with the key (PEM among other forms) and its tests.
    private struct File: Decodable {
        struct Group: Decodable { let privateKeyPem: String; let tests: [Test] }
        struct Test: Decodable {
            let tcId: Int; let comment: String; let flags: [String]; let msg: String; let ct: String; let label: String; let result: String
        }
        let testGroups: [Group]
    }

    package static let file: Result<WycheproofOAEP, VectorFileError> = VectorFile.decode("rsa_oaep_2048_sha256_mgf1sha256_test.json", as: File.self)
        .flatMap { file in
            guard let group = file.testGroups.first, file.testGroups.count == 1, let key = try? RSAPrivateKey(pem: group.privateKeyPem) else {
                return .failure(VectorFileError(name: "rsa_oaep_2048_sha256_mgf1sha256_test.json", reason: "not one group with a readable key"))
            }
            let cases = group.tests.map { test in
                OAEPCase(id: test.tcId, comment: test.comment, flags: test.flags, message: [UInt8](hexDigits: test.msg),
                         ciphertext: [UInt8](hexDigits: test.ct), label: [UInt8](hexDigits: test.label), isValid: test.result == "valid")
            }
            return .success(WycheproofOAEP(key: key, cases: cases))
        }
}
