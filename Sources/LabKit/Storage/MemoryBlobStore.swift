/// A ``BlobStore`` in memory, for the simulator: deterministic, with a capacity a grader can shrink to model a
/// full disk, and ``loseUnfinished()`` to model what a crash does (committed blobs survive, parts do not).
public final class MemoryBlobStore: BlobStore {
    private struct Part {
        var bytes: [UInt8] = []
        var hasher = SHA256()
    }

    private struct State {
        var capacity: UInt64
        var committed: [String: [UInt8]] = [:]
        var parts: [String: Part] = [:]
        var changes = 0

        /// Bytes held by committed blobs and unfinished parts together.
        var used: UInt64 {
            committed.values.reduce(0) { $0 + UInt64($1.count) } + parts.values.reduce(0) { $0 + UInt64($1.bytes.count) }
        }
    }

    private let state: Lock<State>

    /// An empty store that holds up to `capacity` bytes of blobs and parts together.
    public init(capacity: UInt64 = 1 << 32) {
        state = Lock(State(capacity: capacity))
    }

    /// The bytes blobs and parts may take together; lowering it below what they hold leaves ``freeBytes`` at 0.
    public var capacity: UInt64 {
        get { state.withLock { $0.capacity } }
        set { state.withLock { $0.capacity = newValue } }
    }

    public var names: [String] { state.withLock { $0.committed.keys.sorted() } }

    /// How many commits and removals the store has seen: a grader checking invariants after every event
    /// looks at the blobs again only when this moved.
    public var changes: Int { state.withLock { $0.changes } }

    public var freeBytes: UInt64 {
        state.withLock { state in
            let used = state.used
            return state.capacity > used ? state.capacity - used : 0
        }
    }

    public func size(of name: String) -> UInt64? {
        state.withLock { $0.committed[name].map { UInt64($0.count) } }
    }

    public func partSize(of name: String) -> UInt64? {
        state.withLock { $0.parts[name].map { UInt64($0.bytes.count) } }
    }

    public func append(_ bytes: [UInt8], to name: String) throws(StorageError) {
        try BlobName.check(name)
        try state.withLock { state throws(StorageError) in
            let used = state.used
            guard UInt64(bytes.count) <= (state.capacity > used ? state.capacity - used : 0) else { throw .diskFull(name) }
            state.parts[name, default: Part()].bytes.append(contentsOf: bytes)
            state.parts[name]!.hasher.update(bytes)
        }
    }

    /// Whether the blob is `durable` makes no difference here: a committed blob outlives a crash either way.
    public func commit(_ name: String, size: UInt64, sha256: [UInt8], durable: Bool) throws(StorageError) {
        try BlobName.check(name)
        try state.withLock { state throws(StorageError) in
            guard var part = state.parts.removeValue(forKey: name) else { throw .notFound(name) }
            let actual = UInt64(part.bytes.count)
            guard actual == size else { throw .contentMismatch(name, reason: "size \(actual) instead of \(size)") }
            guard part.hasher.finalize() == sha256 else { throw .contentMismatch(name, reason: "SHA-256 differs") }
            state.committed[name] = part.bytes
            state.changes += 1
        }
    }

    public func discardPart(_ name: String) {
        state.withLock { _ = $0.parts.removeValue(forKey: name) }
    }

    public func read(_ name: String, at offset: UInt64, count: Int) throws(StorageError) -> [UInt8] {
        try BlobName.check(name)
        return try state.withLock { state throws(StorageError) -> [UInt8] in
            guard let bytes = state.committed[name] else { throw .notFound(name) }
            return Self.slice(bytes, at: offset, count: count)
        }
    }

    /// Up to `count` of `bytes` from `offset`.
    private static func slice(_ bytes: [UInt8], at offset: UInt64, count: Int) -> [UInt8] {
        guard offset < UInt64(bytes.count), count > 0 else { return [] }
        let start = Int(offset)
        return Array(bytes[start..<(start + min(count, bytes.count - start))])
    }

    public func readPart(_ name: String, at offset: UInt64, count: Int) throws(StorageError) -> [UInt8] {
        try BlobName.check(name)
        return try state.withLock { state throws(StorageError) -> [UInt8] in
            guard let part = state.parts[name] else { throw .notFound(name) }
            return Self.slice(part.bytes, at: offset, count: count)
        }
    }

    public func remove(_ name: String) {
        state.withLock { state in
            if state.committed.removeValue(forKey: name) != nil { state.changes += 1 }
        }
    }

    /// Drops every unfinished part, as a crash of the node does; committed blobs stay.
    public func loseUnfinished() {
        state.withLock { $0.parts.removeAll() }
    }
}
