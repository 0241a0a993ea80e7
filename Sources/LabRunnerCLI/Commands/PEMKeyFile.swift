import Foundation
import LabKit

/// An RSA key read from a PEM file, as `labrunner rsa keygen` and openssl write them: what `labrunner rsa` and a
/// messaging processor (`--key`) read, refusing the other kind of key, or anything else, in one line.
enum PEMKeyFile {
    /// The key in the PEM file `path`, read `as` one kind; a file holding the other kind (`notAs` reads it) is
    /// refused with `mistake`, anything else that is no such key with the reason.
    static func read<Key, Other>(_ path: String, as read: (String) throws(RSAKeyError) -> Key,
                                 notAs other: (String) throws(RSAKeyError) -> Other, _ mistake: String) throws(RSACommandError) -> Key {
        let text = try keyText(path)
        do {
            return try read(text)
        } catch {
            if case .unexpectedPEMLabel = error, (try? other(text)) != nil { throw RSACommandError("\(path) \(mistake)") }
            throw RSACommandError("\(path): \(error)")
        }
    }

    /// The text of the key file `path`, at most `PEM.maximumTextLength` bytes (a bigger file is no key).
    private static func keyText(_ path: String) throws(RSACommandError) -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw RSACommandError("cannot read the key file \(path)") }
        defer { try? handle.close() }
        let bytes = handle.readSome(upTo: PEM.maximumTextLength + 1)
        guard bytes.count <= PEM.maximumTextLength else { throw RSACommandError("\(path) is larger than any PEM key (over \(PEM.maximumTextLength) bytes)") }
        return String(decoding: bytes, as: UTF8.self)
    }
}
