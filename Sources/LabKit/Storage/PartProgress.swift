import Dispatch

/// How far a resumable part of a ``DiskBlobStore`` is on disk for sure: its pieces (of `pieceSize` bytes, appended in
/// order) listed in a ``ProgressRecord`` beside it. Every `checkpointBytes` appended, the part is flushed, then the
/// pieces it then held whole are recorded: never the other way round, so the record never vouches for a byte that a
/// crash could lose. A checkpoint runs on a queue of its own, so appends go on during its flush (one at a time; the
/// pieces appended meanwhile wait for the next).
final class PartProgress: Sendable {
    private struct State {
        /// The first `recorded` pieces of the part are flushed and recorded.
        var recorded: Int
        var checkpointing = false
        /// A checkpoint failed: the record keeps what it vouched for, and grows no more.
        var failed = false
    }

    private let record: ProgressRecord
    let path: String
    let pieceSize: Int
    private let state: Lock<State>
    private let queue = DispatchQueue(label: "labkit.part-progress")

    private init(record: ProgressRecord, path: String, pieceSize: Int, recorded: Int) {
        self.record = record
        self.path = path
        self.pieceSize = pieceSize
        state = Lock(State(recorded: recorded))
    }

    /// Opens the record of the part `file` (at `partPath`), a transfer of `size` bytes whose SHA-256 is `sha256`, and
    /// cuts the part to the pieces the record vouches for from its start: the record and the bytes kept. A missing,
    /// damaged or foreign record keeps nothing, and so does one that vouches for more than the part holds; a record
    /// listing more than those pieces (stray or damaged entries) is written again with them alone.
    static func open(part file: RandomAccessFile, at partPath: String, size: UInt64, sha256: [UInt8],
                     pieceSize: Int) throws(StorageError) -> (PartProgress, kept: UInt64) {
        precondition(size > 0 && pieceSize > 0, "a resumable part of \(size) bytes in pieces of \(pieceSize)")
        let path = ProgressRecord.path(forPart: partPath)
        let chunkCount = Int((size - 1) / UInt64(pieceSize)) + 1
        var (record, listed) = try ProgressRecord.open(path, contentID: sha256, chunkCount: chunkCount)
        var pieces = 0
        while listed.contains(pieces) { pieces += 1 }
        var kept = min(UInt64(pieces) * UInt64(pieceSize), size)
        do throws(StorageError) {
            if kept > (try file.size()) { (pieces, kept) = (0, 0) }  // it vouches for bytes the part does not hold: neither is trusted
            if listed.count != pieces {
                record.close()
                AtomicFile.remove(path)
                record = try ProgressRecord.open(path, contentID: sha256, chunkCount: chunkCount).0
                try record.append(Array(0..<pieces))
            }
            try file.truncate(to: kept)
        } catch {
            record.close()
            throw error
        }
        return (PartProgress(record: record, path: path, pieceSize: pieceSize, recorded: pieces), kept)
    }

    /// After an append brought the part `file` to `size` bytes: once `checkpointBytes` or more were appended since the
    /// last checkpoint, and none is under way, starts one: flushes the part, then records the pieces it holds whole.
    func appended(upTo size: UInt64, of file: RandomAccessFile, checkpointBytes: UInt64) {
        let whole = Int(size / UInt64(pieceSize))
        let first = state.withLock { state -> Int? in
            guard !state.checkpointing, !state.failed, whole > state.recorded,
                  UInt64(whole - state.recorded) * UInt64(pieceSize) >= checkpointBytes else { return nil }
            state.checkpointing = true
            return state.recorded
        }
        guard let first else { return }
        queue.async { [self] in
            do throws(StorageError) {
                try file.synchronize()
                try record.append(Array(first..<whole))
                state.withLock { $0 = State(recorded: whole) }
            } catch {
                state.withLock { $0 = State(recorded: first, failed: true) }
            }
        }
    }

    /// Waits for a checkpoint under way, then closes the record, keeping it on disk for a later resume.
    func close() {
        queue.sync {}
        record.close()
    }

    /// Closes the record and deletes it: its part was committed or dropped.
    func remove() {
        close()
        AtomicFile.remove(path)
    }
}
