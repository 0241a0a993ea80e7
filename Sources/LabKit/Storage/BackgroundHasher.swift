import Dispatch

/// A running SHA-256 fed in order from one thread and computed on a queue of its own, so that hashing a blob's
/// pieces overlaps with receiving and writing them (a second core hashes while the first moves bytes).
/// At most `limit` pieces wait to be hashed; past that, ``update(_:)`` waits: memory stays bounded.
final class BackgroundHasher: @unchecked Sendable {
    // @unchecked: `hasher` is read and written only on `queue`, which is serial.
    private let queue = DispatchQueue(label: "labkit.blob-hasher")
    private let room: DispatchSemaphore
    private var hasher = SHA256()

    init(limit: Int = 32) {
        room = DispatchSemaphore(value: limit)
    }

    /// Hashes `bytes` after everything given before them (shared, not copied: arrays are copy-on-write).
    func update(_ bytes: [UInt8]) {
        room.wait()
        queue.async {
            self.hasher.update(bytes)
            self.room.signal()
        }
    }

    /// The digest of everything given so far, once it is all hashed.
    func finalize() -> [UInt8] {
        queue.sync {
            var copy = hasher
            return copy.finalize()
        }
    }
}
