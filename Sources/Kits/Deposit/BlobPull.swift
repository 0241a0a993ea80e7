/// Pulls one blob piece by piece from its sources into an unfinished blob of this node's store: the data
/// plane of every copy, repair and recovery. Given, not an exercise. Once the pull is ``Step/whole``, its owner
/// decides whether the bytes are the declared ones and commits them (`ctx.blobs.commit`, which checks the
/// size and SHA-256 the store computed as the bytes came), or not.
///
/// Up to `window` pieces are asked for at once, so a transfer is not one round trip per piece. A piece that
/// continues the part is appended; one further ahead, within the window, waits for the gap before it; any
/// other is ignored, so loss, duplication and reordering cost only time. After a whole silent tick the pieces
/// still missing are asked again (never one already here); a source that says `absent`, or stays silent for
/// four ticks, is left for the next one, round and round. Once whole, held or failed, the pull asks for nothing.
///
/// A pull made `resuming` its content's SHA-256 (a real client's recovery) does not drop what an earlier pull of
/// that content left: it goes on after the bytes the store kept (``BlobStore/resumePart(_:size:sha256:pieceSize:)``;
/// a disk store keeps what its progress record vouches for, the simulator's none), and asks only for the rest.
/// ```swift
/// var pull = BlobPull(key: record.blobName, blob: record.blobName, size: record.size, sources: holders,
///                     pieceSize: 64 << 10)
/// _ = pull.start(&ctx)                                  // asks the first source
/// // then, for every .piece of pull.key:  pull.received(offset:bytes:from:&ctx); on .whole:
/// try ctx.blobs.commit(pull.blob, size: pull.size, sha256: record.sha256)
/// ```
public struct BlobPull: Sendable {
    /// Where a pull stands after an event.
    public enum Step: Equatable, Sendable {
        /// More pieces to come.
        case waiting
        /// Every byte is in the unfinished blob: commit it, or discard it.
        case whole
        /// The blob was held already, committed (every blob name names its content).
        case held
        /// The pull stopped and kept nothing, for `reason`.
        case failed(DepositRefusal)
    }

    /// The key the sources know the bytes by.
    public let key: String
    /// The name the blob gets in this node's store.
    public let blob: String
    public let size: UInt64
    /// The nodes asked, in turn.
    public private(set) var sources: [NodeID]
    public let pieceSize: Int
    /// The most pieces asked for and not yet appended.
    public let window: Int
    /// The SHA-256 of the content, for a pull that resumes what an earlier one left; `nil`: it starts afresh.
    public let resuming: [UInt8]?
    /// The bytes the pull found in place when it started (0 unless it resumed): it asked only for those after.
    public private(set) var resumedAt: UInt64 = 0
    private var sourceIndex = 0
    private var silentTicks = 0
    /// Every piece before this offset has been asked for.
    private var askedUpTo: UInt64 = 0
    /// Pieces that arrived ahead of the part's end, by offset: appended once the gap before them is filled.
    private var ahead: [UInt64: [UInt8]] = [:]
    /// Whether the pull is over (whole, held or failed): it then asks for nothing more.
    private var over = false

    public init(key: String, blob: String, size: UInt64, sources: [NodeID], pieceSize: Int,
                window: Int = DepositLimits.standard.piecesInFlight, resuming sha256: [UInt8]? = nil) {
        self.key = key
        self.blob = blob
        self.size = size
        self.sources = sources
        self.pieceSize = max(1, pieceSize)
        self.window = max(1, window)
        self.resuming = sha256
    }

    /// The node asked now.
    public var source: NodeID? { sources.isEmpty ? nil : sources[sourceIndex % sources.count] }

    /// Starts afresh (an old part of the blob is dropped), or, ``resuming``, after the bytes the store kept of an
    /// earlier pull of the same content, and asks for the first pieces missing; a blob already held is complete at
    /// once, since every blob name names its content.
    public mutating func start<Output>(_ ctx: inout NodeContext<DepositMessage, Output>) -> Step {
        if let resuming, size > 0, ctx.blobs.size(of: blob) == nil {
            resumedAt = ctx.blobs.resumePart(blob, size: size, sha256: resuming, pieceSize: pieceSize)
        } else {
            ctx.blobs.discardPart(blob)
            resumedAt = 0
        }
        askedUpTo = 0
        ahead = [:]
        over = true
        if ctx.blobs.size(of: blob) != nil { return .held }
        guard size - resumedAt <= ctx.blobs.freeBytes else {
            if resuming != nil { ctx.blobs.discardPart(blob) }  // a failed pull keeps nothing, what it resumed neither
            return .failed(.tooLarge(size: size, limit: ctx.blobs.freeBytes))
        }
        if size == 0 {
            do throws(StorageError) { try ctx.blobs.append([], to: blob) } catch { return .failed(.unavailable) }
            return .whole
        }
        if resumedAt == size { return .whole }
        guard source != nil else {
            if resuming != nil { ctx.blobs.discardPart(blob) }
            return .failed(.unavailable)
        }
        over = false
        askMore(&ctx)
        return .waiting
    }

    /// Takes a piece of `key` from `sender`: appended if it continues the part (with the pieces waiting after
    /// it), kept for later if it is one asked for further ahead; then the window is filled again.
    public mutating func received<Output>(offset: UInt64, bytes: [UInt8], from sender: NodeID,
                                          _ ctx: inout NodeContext<DepositMessage, Output>) -> Step {
        var have = ctx.blobs.partSize(of: blob) ?? 0
        guard !over, !bytes.isEmpty, offset >= have, offset < size, UInt64(bytes.count) <= size - offset else { return .waiting }
        guard offset == have else {
            // Ahead of the part: kept only if it is a whole piece asked for, inside the window.
            if offset < askedUpTo, offset - have < UInt64(window * pieceSize), bytes.count == expectedCount(at: offset) {
                ahead[offset] = bytes
            }
            return .waiting
        }
        var next: [UInt8]? = bytes
        while let piece = next {
            do throws(StorageError) { try ctx.blobs.append(piece, to: blob) } catch {
                ctx.blobs.discardPart(blob)
                ahead = [:]
                over = true
                return .failed(.tooLarge(size: size, limit: ctx.blobs.freeBytes))
            }
            have += UInt64(piece.count)
            next = ahead.removeValue(forKey: have)
        }
        ahead = ahead.filter { $0.key > have }
        silentTicks = 0
        if have == size {
            over = true
            return .whole
        }
        askMore(&ctx)
        return .waiting
    }

    /// `sender` holds nothing under `key`: the next source is asked; after every source said so, the pull fails.
    public mutating func absent<Output>(from sender: NodeID, _ ctx: inout NodeContext<DepositMessage, Output>) -> Step {
        guard !over, sender == source else { return .waiting }
        sources.removeAll { $0 == sender }
        guard !sources.isEmpty else {
            ctx.blobs.discardPart(blob)
            ahead = [:]
            over = true
            return .failed(.unavailable)
        }
        askAgain(&ctx)
        return .waiting
    }

    /// Called on every tick of the node: after a whole tick with no piece, asks again for the pieces still
    /// missing (a piece on its way is not asked twice), and after four silent ticks asks the next source.
    public mutating func tick<Output>(_ ctx: inout NodeContext<DepositMessage, Output>) {
        guard !over else { return }
        silentTicks += 1
        guard silentTicks >= 2 else { return }
        if silentTicks >= 4 {
            silentTicks = 0
            sourceIndex += 1
        }
        askAgain(&ctx)
    }

    /// How many bytes the piece at `offset` has: a whole piece, fewer at the end.
    private func expectedCount(at offset: UInt64) -> Int { Int(min(UInt64(pieceSize), size - offset)) }

    /// Asks for the pieces after those asked for already, up to `window` pieces past the part's end.
    private mutating func askMore<Output>(_ ctx: inout NodeContext<DepositMessage, Output>) {
        guard let source else { return }
        let have = ctx.blobs.partSize(of: blob) ?? 0
        askedUpTo = max(askedUpTo, have)
        let end = min(size, have + UInt64(window * pieceSize))
        while askedUpTo < end {
            ctx.send(.fetch(key: key, offset: askedUpTo, count: expectedCount(at: askedUpTo)), to: source)
            askedUpTo += UInt64(expectedCount(at: askedUpTo))
        }
    }

    /// Asks the current source again for every piece asked for and not here, then for more.
    private mutating func askAgain<Output>(_ ctx: inout NodeContext<DepositMessage, Output>) {
        guard let source else { return }
        var offset = ctx.blobs.partSize(of: blob) ?? 0
        while offset < askedUpTo {
            if ahead[offset] == nil { ctx.send(.fetch(key: key, offset: offset, count: expectedCount(at: offset)), to: source) }
            offset += UInt64(expectedCount(at: offset))
        }
        askMore(&ctx)
    }
}
