/// Large byte values a node keeps durably, written in pieces and made visible only once complete and verified:
/// what a node stores that is too big for `ctx.persist`. Reached through `NodeContext.blobs`.
///
/// ```swift
/// try ctx.blobs.append(chunk, to: "report.pdf")      // as each 256 KiB piece arrives
/// try ctx.blobs.commit("report.pdf", size: manifest.size, sha256: manifest.sha256)
/// let head = try ctx.blobs.read("report.pdf", at: 0, count: 1_024)
/// ```
/// Two implementations: ``MemoryBlobStore`` (the simulator's; a crash loses the unfinished blobs) and
/// ``DiskBlobStore`` (a real node's folder). Calls do their I/O on the calling thread.
public protocol BlobStore: AnyObject, Sendable {
    /// The committed blobs' names, sorted.
    var names: [String] { get }
    /// Bytes still free for blobs: the file system's free space on disk, the capacity left in memory.
    var freeBytes: UInt64 { get }
    /// The size of the committed blob `name`, `nil` when there is none.
    func size(of name: String) -> UInt64?
    /// The bytes appended so far to the unfinished blob `name`, `nil` when none is open.
    func partSize(of name: String) -> UInt64?
    /// Appends `bytes` to the unfinished blob `name` (opening it empty when absent), hashing them as they come.
    /// Throws `.diskFull` when they do not fit in `freeBytes`, `.invalidBlobName` for a bad name.
    func append(_ bytes: [UInt8], to name: String) throws(StorageError)
    /// Makes the unfinished blob visible under `name` when its size and SHA-256 are `size` and `sha256`, replacing a
    /// committed blob of that name; `durable`: data synced, renamed, folder synced (a blob that only passes through,
    /// deleted soon after, skips the syncs and may never reach the disk). On a mismatch the part is discarded and
    /// `.contentMismatch` thrown; with no part open, `.notFound`.
    func commit(_ name: String, size: UInt64, sha256: [UInt8], durable: Bool) throws(StorageError)
    /// Forgets the unfinished blob `name`, if any.
    func discardPart(_ name: String)
    /// Up to `count` bytes of the committed blob `name` from `offset` (fewer at its end, none past it).
    func read(_ name: String, at offset: UInt64, count: Int) throws(StorageError) -> [UInt8]
    /// Up to `count` bytes of the unfinished blob `name` from `offset` (fewer at its current end): its bytes can
    /// be passed on while they still arrive, as a pipeline does. With no part open, `.notFound`.
    func readPart(_ name: String, at offset: UInt64, count: Int) throws(StorageError) -> [UInt8]
    /// Deletes the committed blob `name` durably, if it exists.
    func remove(_ name: String)
}

extension BlobStore {
    /// Makes the unfinished blob `name` durable once its size and SHA-256 are checked: ``commit(_:size:sha256:durable:)``.
    public func commit(_ name: String, size: UInt64, sha256: [UInt8]) throws(StorageError) {
        try commit(name, size: size, sha256: sha256, durable: true)
    }
}

/// The rule both stores apply to blob names, so that a name is always one plain file in the store's folder.
package enum BlobName {
    /// The longest name, in characters.
    package static let maximumLength = 128
    /// What a disk store adds to a name for its unfinished blob; no name may end with it.
    package static let partSuffix = ".part"

    /// Whether `name` is 1–128 characters of `A–Z a–z 0–9 - _ .`, does not start with `.` and does not end
    /// with `.part` (the disk store's unfinished files, which it deletes when it opens).
    package static func isValid(_ name: String) -> Bool {
        let bytes = name.utf8
        guard (1...maximumLength).contains(bytes.count), bytes.first != UInt8(ascii: "."), !name.hasSuffix(partSuffix) else { return false }
        return bytes.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."): true
            default: false
            }
        }
    }

    /// Throws ``StorageError/invalidBlobName(_:)`` unless `name` ``isValid(_:)``.
    static func check(_ name: String) throws(StorageError) {
        guard isValid(name) else { throw .invalidBlobName(name) }
    }
}
