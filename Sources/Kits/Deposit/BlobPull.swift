/// Pulls one blob piece by piece from its sources into an unfinished blob of this node's store: the data
/// plane of every copy, repair and recovery. Given, not an exercise. Once the pull is ``Step/whole``, its owner
/// decides whether the bytes are the declared ones and commits them (`ctx.blobs.commit`), or not.
///
/// One piece is asked for at a time; a piece that does not continue the part exactly is ignored, so loss,
/// duplication and reordering cost only time. A source that says `absent`, or stays silent for four ticks,
/// is left for the next one, round and round.
/// ```swift
/// var pull = BlobPull(key: record.blobName, blob: record.blobName, size: record.size, sha256: record.sha256,
///                     sources: holders, pieceSize: 64 << 10)
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
    private var sourceIndex = 0
    private var silentTicks = 0
    private var hash = SHA256()

    public init(key: String, blob: String, size: UInt64, sources: [NodeID], pieceSize: Int) {
        self.key = key
        self.blob = blob
        self.size = size
        self.sources = sources
        self.pieceSize = max(1, pieceSize)
    }

    /// The SHA-256 of the bytes received so far: of the whole content once the pull is ``Step/whole``.
    public var receivedSHA256: [UInt8] { var copy = hash; return copy.finalize() }

    /// The node asked now.
    public var source: NodeID? { sources.isEmpty ? nil : sources[sourceIndex % sources.count] }

    /// Starts afresh (an old part of the blob is dropped) and asks for the first piece; a blob already held is
    /// complete at once, since every blob name names its content.
    public mutating func start<Output>(_ ctx: inout NodeContext<DepositMessage, Output>) -> Step {
        ctx.blobs.discardPart(blob)
        hash = SHA256()
        if ctx.blobs.size(of: blob) != nil { return .held }
        guard size <= ctx.blobs.freeBytes else { return .failed(.tooLarge(size: size, limit: ctx.blobs.freeBytes)) }
        if size == 0 {
            do throws(StorageError) { try ctx.blobs.append([], to: blob) } catch { return .failed(.unavailable) }
            return .whole
        }
        guard source != nil else { return .failed(.unavailable) }
        ask(&ctx)
        return .waiting
    }

    /// Takes a piece of `key` from `sender`: appended if it continues the part, and the blob committed when whole.
    public mutating func received<Output>(offset: UInt64, bytes: [UInt8], from sender: NodeID,
                                          _ ctx: inout NodeContext<DepositMessage, Output>) -> Step {
        let have = ctx.blobs.partSize(of: blob) ?? 0
        guard offset == have, !bytes.isEmpty, UInt64(bytes.count) <= size - have else { return .waiting }
        do throws(StorageError) { try ctx.blobs.append(bytes, to: blob) } catch {
            ctx.blobs.discardPart(blob)
            return .failed(.tooLarge(size: size, limit: ctx.blobs.freeBytes))
        }
        hash.update(bytes)
        silentTicks = 0
        if have + UInt64(bytes.count) == size { return .whole }
        ask(&ctx)
        return .waiting
    }

    /// `sender` holds nothing under `key`: the next source is asked; after every source said so, the pull fails.
    public mutating func absent<Output>(from sender: NodeID, _ ctx: inout NodeContext<DepositMessage, Output>) -> Step {
        guard sender == source else { return .waiting }
        sources.removeAll { $0 == sender }
        guard !sources.isEmpty else { ctx.blobs.discardPart(blob); return .failed(.unavailable) }
        ask(&ctx)
        return .waiting
    }

    /// Called on every tick of the node: after a whole tick with no piece, asks again (a piece on its way is
    /// not asked twice), and after four silent ticks asks the next source.
    public mutating func tick<Output>(_ ctx: inout NodeContext<DepositMessage, Output>) {
        silentTicks += 1
        guard silentTicks >= 2 else { return }
        if silentTicks >= 4 {
            silentTicks = 0
            sourceIndex += 1
        }
        ask(&ctx)
    }

    private func ask<Output>(_ ctx: inout NodeContext<DepositMessage, Output>) {
        guard let source else { return }
        let have = ctx.blobs.partSize(of: blob) ?? 0
        ctx.send(.fetch(key: key, offset: have, count: Int(min(UInt64(pieceSize), size - have))), to: source)
    }
}
