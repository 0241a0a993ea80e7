import Foundation
import MessagingKit

extension MessagingScenarios {
    /// Exercise 4.2's check against OpenSSL: a key the kit exports, messages OpenSSL encrypts and the student's
    /// code decrypts, and the reverse. Runs `openssl`, a real process, so it is a live scenario. Where openssl is
    /// not installed, ciphertexts it made earlier (``RecordedOpenSSL``) must decrypt; the other direction is then
    /// left to 4.1-oaep-vectors, whose byte-for-byte ciphertexts are what openssl decrypts.
    static func interoperability<Toolkit: RSAToolkit>(_: Toolkit.Type) -> Scenario {
        Scenario(id: "messaging.4.2-openssl", lab: "messaging", exercise: "4.2", points: 2, seeds: 1, mode: .live, needs: ["3.1", "3.2", "4.1"],
                 summary: "with a key exported as PEM, openssl pkeyutl's OAEP ciphertexts decrypt, and openssl decrypts yours (where openssl is not installed: ciphertexts openssl made earlier decrypt)") { seed in
            try await ScenarioFolder.with("messaging-openssl") { folder in
                try await BlockingWork.value { () throws(ScenarioFailure) in try checkOpenSSL(Toolkit.self, seed: seed, in: folder) }
            }
        }
    }

    static func checkOpenSSL<Toolkit: RSAToolkit>(_: Toolkit.Type, seed: UInt64, in folder: ScenarioFolder) throws(ScenarioFailure) {
        guard OpenSSL.path != nil else { return try checkRecorded(Toolkit.self) }
        var random = SeededRandom(seed: seed, stream: "openssl")
        let key = try TestKeys.parsed(TestKeys.rsa1024, "the 1024-bit test key")
        try write(key.pkcs8PEM, to: folder.file("private.pem"))
        try write(key.publicKey.subjectPublicKeyInfoPEM, to: folder.file("public.pem"))
        for label in [[UInt8](), Array("bob→alice".utf8)] {
            let limit = OAEP.maximumMessageLength(modulusBytes: key.publicKey.modulusByteCount)
            let message = (0..<Int.random(in: 1...limit, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            let labelled = label.isEmpty ? "" : " with the label \"bob→alice\""
            try write(message, to: folder.file("message"))
            try openssl(["pkeyutl", "-encrypt", "-pubin", "-inkey", folder.file("public.pem"), "-in", folder.file("message"),
                                           "-out", folder.file("openssl.bin")] + OpenSSL.oaepOptions(label: label), what: "encrypt\(labelled)")
            let ciphertext = try read(folder.file("openssl.bin"))
            let opened = try ToolkitProbe.value("decrypt of openssl's ciphertext\(labelled)") { try Toolkit.decrypt(ciphertext, label: label, key: key) }
            try expect(opened == message, "decrypt of openssl's OAEP ciphertext\(labelled) to give its \(message.count)-byte message",
                       observed: ToolkitProbe.sketch(opened))
            let sealed = try ToolkitProbe.value("encrypt\(labelled) of a \(message.count)-byte message") {
                try Toolkit.encrypt(message, label: label, key: key.publicKey, using: &random)
            }
            try write(sealed, to: folder.file("kit.bin"))
            try openssl(["pkeyutl", "-decrypt", "-inkey", folder.file("private.pem"), "-in", folder.file("kit.bin"),
                             "-out", folder.file("opened")] + OpenSSL.oaepOptions(label: label),
                            what: "decrypt\(labelled) your ciphertext \(ToolkitProbe.sketch(sealed))")
            let back = try read(folder.file("opened"))
            try expect(back == message, "openssl to decrypt your ciphertext\(labelled) to the message", observed: ToolkitProbe.sketch(back))
        }
    }

    /// Without openssl: the ciphertexts openssl made earlier under the 1024-bit test key decrypt to their messages.
    static func checkRecorded<Toolkit: RSAToolkit>(_: Toolkit.Type) throws(ScenarioFailure) {
        let key = try TestKeys.parsed(TestKeys.rsa1024, "the 1024-bit test key")
        for recorded in RecordedOpenSSL.cases {
            let message = [UInt8](hexDigits: recorded.message), label = [UInt8](hexDigits: recorded.label)
            let labelled = label.isEmpty ? "" : " with the label \"bob→alice\""
            let opened = try ToolkitProbe.value("decrypt of a ciphertext openssl made\(labelled)") {
                try Toolkit.decrypt([UInt8](hexDigits: recorded.ciphertext), label: label, key: key)
            }
            try expect(opened == message, "decrypt of openssl's recorded OAEP ciphertext\(labelled) to give its \(message.count)-byte message",
                       observed: ToolkitProbe.sketch(opened))
        }
    }

    /// Runs openssl; a failure is the implementation's (`what` openssl could not do), with openssl's own words.
    @discardableResult
    static func openssl(_ arguments: [String], what: String) throws(ScenarioFailure) -> OpenSSL.Run {
        guard let run = OpenSSL.run(arguments) else { throw ScenarioFailure(.crashed("openssl could not be started")) }
        try expect(run.status == 0, "openssl pkeyutl to \(what)",
                   observed: "it failed (status \(run.status)): \(run.errors.split(separator: "\n").prefix(2).joined(separator: " / "))")
        return run
    }

    static func write(_ text: String, to path: String) throws(ScenarioFailure) {
        try write(Array(text.utf8), to: path)
    }

    static func write(_ bytes: [UInt8], to path: String) throws(ScenarioFailure) {
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else { throw ScenarioFailure(.crashed("cannot write \(path)")) }
    }

    static func read(_ path: String) throws(ScenarioFailure) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else { throw ScenarioFailure(.crashed("cannot read \(path)")) }
        return Array(data)
    }
}
