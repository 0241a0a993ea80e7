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
    /// Opens the unfinished blob `name` — `size` bytes whose SHA-256 is `sha256`, appended in pieces of `pieceSize`
    /// bytes — so that a pull stopped part-way (killed, or quit) goes on where it stopped. Of a part an earlier pull
    /// of the same content left, what its progress record vouches for (pieces flushed, then recorded) is kept and
    /// the rest cut off; a part of other content, or with no record, is dropped. From then on the part records its
    /// progress as it grows, until it is committed or discarded. Returns the bytes kept, after which appends go on.
    /// A store that keeps no record (``MemoryBlobStore``) drops the part and returns 0, as ``discardPart(_:)`` does.
    func resumePart(_ name: String, size: UInt64, sha256: [UInt8], pieceSize: Int) -> UInt64
    /// Up to `count` bytes of the committed blob `name` from `offset` (fewer at its end, none past it).
    func read(_ name: String, at offset: UInt64, count: Int) throws(StorageError) -> [UInt8]
    /// Up to `count` bytes of the unfinished blob `name` from `offset` (fewer at its current end): its bytes can
    /// be passed on while they still arrive, as a pipeline does. With no part open, `.notFound`.
    func readPart(_ name: String, at offset: UInt64, count: Int) throws(StorageError) -> [UInt8]
    /// Deletes the committed blob `name` durably, if it exists.
    func remove(_ name: String)
}

extension BlobStore {
    /// Keeps nothing: drops the part, as ``discardPart(_:)`` does, and returns 0 (a pull starts afresh).
    public func resumePart(_ name: String, size: UInt64, sha256: [UInt8], pieceSize: Int) -> UInt64 {
        discardPart(name)
        return 0
    }

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
    /// What a disk store adds to a name for the progress record of its unfinished blob; no name may end with it.
    package static let recordSuffix = ProgressRecord.path(forPart: partSuffix)

    /// Whether `name` is 1–128 characters of `A–Z a–z 0–9 - _ .`, does not start with `.` and does not end
    /// with `.part` or `.part.progress` (the disk store's unfinished files and their progress records).
    package static func isValid(_ name: String) -> Bool {
        let bytes = name.utf8
        guard (1...maximumLength).contains(bytes.count), bytes.first != UInt8(ascii: "."), !name.hasSuffix(partSuffix),
              !name.hasSuffix(recordSuffix) else { return false }
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
