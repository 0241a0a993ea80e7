import LabKit

/// A shared file's manifest saved next to it as `.<name>.manifest`, so a restarted peer does not hash
/// gigabytes again. It is trusted only while the file keeps the size, modification time and chunk size it
/// was hashed with.
struct ManifestCache {
    /// What a cached manifest is valid for.
    struct Key: Equatable {
        var size: UInt64
        var modifiedSeconds: Int64
        var modifiedNanoseconds: Int64
        var chunkSize: UInt32
    }

    static let magic = Array("LKVMAN1\n".utf8)

    /// `<folder>/.<name>.manifest`.
    static func path(folder: String, name: String) -> String { "\(folder)/.\(name).manifest" }

    /// The cached manifest at `path` if it was made for `key`, else `nil`.
    static func load(_ path: String, key: Key) -> Manifest? {
        guard let bytes = try? AtomicFile.read(path), bytes.count > magic.count, Array(bytes[..<magic.count]) == magic else { return nil }
        var reader = WireReader(Array(bytes[magic.count...]))
        do throws(WireError) {
            let cached = Key(size: try reader.read(), modifiedSeconds: try reader.read(), modifiedNanoseconds: try reader.read(),
                             chunkSize: try reader.read())
            guard cached == key else { return nil }
            let manifest: Manifest = try reader.read()
            return manifest.size == key.size && manifest.chunkSize == key.chunkSize ? manifest : nil
        } catch {
            return nil
        }
    }

    /// Saves `manifest` for `key` at `path`, atomically.
    static func save(_ manifest: Manifest, key: Key, to path: String) throws(StorageError) {
        var writer = WireWriter()
        writer.write(key.size)
        writer.write(key.modifiedSeconds)
        writer.write(key.modifiedNanoseconds)
        writer.write(key.chunkSize)
        writer.write(manifest)
        try AtomicFile.write(magic + writer.bytes, to: path)
    }
}
