import Foundation
import LabKit
import MessagingKit
import MessagingSolution
import Scenarios
import Testing

/// The OAEP seeds the graders hold (`Sources/Scenarios/Messaging/OAEPSeeds.swift`) are the ones inside
/// Wycheproof's valid ciphertexts: recovered here with the reference's private operation and MGF1, and each
/// case re-encrypted from its seed by the reference to Wycheproof's exact ciphertext. After a change of the
/// vector file, `MESSAGING_PRINT_SEEDS=1 swift test --filter MessagingVectorTests` prints the table again.
@Suite struct OAEPSeedTests {
    @Test("every valid Wycheproof ciphertext hides the recorded seed, and re-encrypts from it byte for byte")
    func seedsAreWycheproofs() throws {
        let file = try WycheproofOAEP.file.get()
        let k = file.key.publicKey.modulusByteCount, hLen = OAEP.hashLength
        var table: [String] = []
        for test in file.cases where test.isValid {
            let encoded = try RSA.privateOperation(try BigUInt(bigEndian: test.ciphertext), key: file.key).bigEndianBytes(width: k)
            let maskedDB = Array(encoded[(hLen + 1)...])
            let seed = zip(encoded[1...hLen], try MGF1.sha256(seed: maskedDB, outputLength: hLen)).map { $0 ^ $1 }
            table.append("        \(test.id): \"\(seed.hex)\",")
            #expect(OAEPSeeds.byCase[test.id] == seed.hex, "\(test.name): the recorded seed is not the one in its ciphertext")
            #expect(try RSA.encrypt(test.message, label: test.label, seed: seed, key: file.key.publicKey) == test.ciphertext, "\(test.name)")
        }
        #expect(Set(OAEPSeeds.byCase.keys) == Set(file.cases.filter(\.isValid).map(\.id)), "one recorded seed per valid case, no other")
        if ProcessInfo.processInfo.environment["MESSAGING_PRINT_SEEDS"] != nil { print(table.joined(separator: "\n")) }
    }
}
