import Catalog
import Foundation
import LabKit
import MessagingKit

/// `labrunner rsa keygen|encrypt|decrypt`: the messaging lab's RSA by hand, so its keys and ciphertexts can be
/// checked against `openssl`. Runs the implementation under test (the student's in a handout).
struct RSACommand: RunnerCommand {
    let spec = CommandSpec(name: "rsa", maxPositionals: 1, options: [
        .init(name: "out", takesValue: true), .init(name: "bits", takesValue: true), .init(name: "key", takesValue: true),
        .init(name: "impl", takesValue: true),
    ], help: Help.rsa)

    func run(_ arguments: ParsedArguments, _ context: CommandContext) async throws -> Int32 {
        let toolkit = MessagingImplementations.toolkit(try context.implementation(arguments))
        switch arguments.positionals.first {
        case "keygen": return try await keygen(toolkit, arguments, context)
        case "encrypt": return try await encrypt(toolkit, arguments)
        case "decrypt": return try await decrypt(toolkit, arguments)
        case nil: throw UsageError("rsa needs an action: keygen, encrypt or decrypt", command: "rsa")
        case let other?: throw UsageError("no rsa action '\(other)' (actions: keygen, encrypt, decrypt)", command: "rsa")
        }
    }

    private func keygen(_ toolkit: any RSAToolkit.Type, _ arguments: ParsedArguments, _ context: CommandContext) async throws -> Int32 {
        guard let folder = arguments.value("out") else { throw UsageError("rsa keygen needs --out DIR", command: "rsa") }
        let bits = try arguments.integer("bits", in: RSAParameters.keyBits, command: "rsa") ?? 2_048
        guard bits.isMultiple(of: 2) else { throw UsageError("--bits must be even: a key is two primes of half its size", command: "rsa") }
        let (privatePath, publicPath) = ("\(folder)/private.pem", "\(folder)/public.pem")
        for path in [privatePath, publicPath] where FileManager.default.fileExists(atPath: path) {
            throw RSACommandError("\(path) exists: choose another folder, or remove it first (a key is never overwritten)")
        }
        let clock = ContinuousClock(), started = clock.now
        let key = try await BlockingWork.value { () throws -> RSAPrivateKey in
            var random = SeededRandom.system
            return try toolkit.generateKey(bits: bits, using: &random)
        }
        let took = clock.now - started
        try AtomicFile.write(Array(key.pkcs8PEM.utf8), to: privatePath, permissions: 0o600)
        try AtomicFile.write(Array(key.publicKey.subjectPublicKeyInfoPEM.utf8), to: publicPath)
        context.console.out("wrote \(privatePath) (PKCS #8, readable by you only) and \(publicPath) (SubjectPublicKeyInfo): "
            + String(format: "a %d-bit key, made in %.2f s", key.modulus.bitLength, Double(took.nanoseconds) / 1e9))
        return 0
    }

    private func encrypt(_ toolkit: any RSAToolkit.Type, _ arguments: ParsedArguments) async throws -> Int32 {
        let path = try keyPath(arguments, action: "encrypt")
        let key = try PEMKeyFile.read(path, as: RSAPublicKey.init(pem:), notAs: RSAPrivateKey.init(pem:),
                              "holds a private key: encrypt with the public key (public.pem), decrypt with this one")
        return try await filterStandardInput { message in
            var random = SeededRandom.system
            return try toolkit.encrypt(message, label: [], key: key, using: &random)
        }
    }

    private func decrypt(_ toolkit: any RSAToolkit.Type, _ arguments: ParsedArguments) async throws -> Int32 {
        let path = try keyPath(arguments, action: "decrypt")
        let key = try PEMKeyFile.read(path, as: RSAPrivateKey.init(pem:), notAs: RSAPublicKey.init(pem:),
                              "holds a public key: decrypting needs the private key (private.pem)")
        return try await filterStandardInput { ciphertext in
            let size = key.publicKey.modulusByteCount
            guard ciphertext.count == size else {
                throw RSACommandError("the ciphertext on standard input is \(ciphertext.count) bytes; under this \(key.modulus.bitLength)-bit key every ciphertext is \(size) bytes")
            }
            return try toolkit.decrypt(ciphertext, label: [], key: key)
        }
    }

    /// Reads standard input to its end and writes what `transform` makes of it to standard output.
    private func filterStandardInput(_ transform: ([UInt8]) throws -> [UInt8]) async throws -> Int32 {
        let input = await RawStandardStreams.readInput()
        try RawStandardStreams.write(try transform(input))
        return 0
    }

    /// The `--key` file, which every action but keygen needs.
    private func keyPath(_ arguments: ParsedArguments, action: String) throws(UsageError) -> String {
        guard let path = arguments.value("key") else {
            throw UsageError("rsa \(action) needs --key FILE (the \(action == "encrypt" ? "public" : "private") key's PEM)", command: "rsa")
        }
        return path
    }
}

/// Why `labrunner rsa` (or a node reading a key file) could not do what it was asked, as one line.
struct RSACommandError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
