import Foundation

/// A node's durable storage on disk: one file per key in a folder, each written atomically, so that a
/// restarted process recovers exactly what its node persisted.
public struct DiskStore: Sendable {
    /// The folder holding the files.
    public let folder: String

    public init(folder: String) { self.folder = folder }

    /// Every key and value stored so far (an absent folder is an empty store).
    public func load() throws(StorageError) -> [String: [UInt8]] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return [:] }
        var storage: [String: [UInt8]] = [:]
        for name in names where name.hasPrefix("k") {
            guard let key = name.dropFirst().removingPercentEncoding else { continue }
            guard let data = FileManager.default.contents(atPath: "\(folder)/\(name)") else {
                throw .cannotRead("\(folder)/\(name)", reason: "unreadable")
            }
            storage[key] = [UInt8](data)
        }
        return storage
    }

    /// Stores `value` under `key`, or deletes the key when `value` is `nil`.
    public func save(_ value: [UInt8]?, forKey key: String) throws(StorageError) {
        let path = "\(folder)/\(Self.fileName(for: key))"
        guard let value else {
            try? FileManager.default.removeItem(atPath: path)
            return
        }
        try AtomicFile.write(value, to: path)
    }

    /// Keys become file names: `k` then the key with everything but ASCII letters, digits, `-` and `_`
    /// percent-encoded, so no key can name a path outside the folder (or a hidden temporary file).
    static func fileName(for key: String) -> String {
        let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_")
        return "k" + (key.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")
    }
}
