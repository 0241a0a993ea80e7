import DepositKit
import Foundation
import LabKit
import Testing

/// A ``BlobPull`` made `resuming` over a real disk store: stopped part-way, then started again as a restarted
/// client would, it asks only for what its part's record does not vouch for.
@Suite struct BlobPullResumeTests {
    static let piece = 1_000
    static let bytes = BlobStoreTests.pattern(40_500, seed: 9)
    static let sha256 = SHA256.hash(bytes)

    /// What one run of a pull did: where it ended, and the fetches it sent (offset and count).
    struct Run {
        var step: BlobPull.Step
        var fetches: [(offset: UInt64, count: Int)] = []
        var bytesAsked: Int { fetches.map(\.count).reduce(0, +) }
    }

    /// A pull of ``bytes`` from one holder, h1, into "blob"; `resuming` its SHA-256 or not.
    static func pull(resuming sha256: [UInt8]?) -> BlobPull {
        BlobPull(key: "blob", blob: "blob", size: UInt64(bytes.count), sources: ["h1"], pieceSize: piece, window: 4, resuming: sha256)
    }

    /// Starts `pull` on `store` and answers its fetches from `content`, in order and without loss, until it is whole,
    /// or `limit` pieces were answered (the client is then killed: the pull and the store are dropped).
    static func drive(_ pull: inout BlobPull, on store: any BlobStore, content: [UInt8] = bytes, limit: Int = .max) -> Run {
        func context() -> NodeContext<DepositMessage, Never> { NodeContext(id: "puller", now: .zero, random: SeededRandom(seed: 1), blobs: store) }
        func fetches(_ ctx: NodeContext<DepositMessage, Never>) -> [(offset: UInt64, count: Int)] {
            ctx.effects.compactMap { effect in
                guard case let .send(.fetch(_, offset, count), to: "h1") = effect else { return nil }
                return (offset, count)
            }
        }
        var ctx = context()
        var run = Run(step: pull.start(&ctx))
        var queue = fetches(ctx)
        run.fetches = queue
        var answered = 0
        while run.step == .waiting, !queue.isEmpty, answered < limit {
            let fetch = queue.removeFirst()
            var ctx = context()
            let end = min(Int(fetch.offset) + fetch.count, content.count)
            run.step = pull.received(offset: fetch.offset, bytes: Array(content[Int(fetch.offset)..<end]), from: "h1", &ctx)
            let more = fetches(ctx)
            queue += more
            run.fetches += more
            answered += 1
        }
        return run
    }

    /// A new folder for `body`, removed afterwards, run off the cooperative pool; `open` opens a disk store on it
    /// (a restarted client) that checkpoints every 5 pieces.
    static func withFolder(_ body: (_ folder: String, _ open: () throws -> DiskBlobStore) throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pull-resume-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try await offThePool {
            try body(folder) { try DiskBlobStore(folder: folder, checkpointBytes: UInt64(5 * piece)) }
        }
    }

    /// Runs a resuming pull on a new store in the folder until `limit` pieces are in, then drops it, as a kill would.
    static func stopHalfWay(_ open: () throws -> DiskBlobStore, limit: Int = 20) throws {
        let store = try open()
        var first = pull(resuming: sha256)
        let run = drive(&first, on: store, limit: limit)
        #expect(run.step == .waiting && run.fetches.first?.offset == 0)
        #expect(store.partSize(of: "blob") == UInt64(limit * piece))
    }

    @Test("a pull resumed with the same SHA-256 asks only for the pieces its record does not vouch for; the blob is byte for byte")
    func resumesSameContent() async throws {
        try await Self.withFolder { folder, open in
            try Self.stopHalfWay(open)
            let store = try open()
            var again = Self.pull(resuming: Self.sha256)
            let run = Self.drive(&again, on: store)
            let kept = Int(again.resumedAt)
            #expect(kept >= 5 * Self.piece && kept <= 20 * Self.piece && kept % Self.piece == 0, "resumed at \(kept)")
            #expect(run.step == .whole)
            #expect(run.fetches.allSatisfy { $0.offset >= UInt64(kept) }, "nothing before \(kept) asked again")
            #expect(run.fetches.count == 41 - kept / Self.piece, "one fetch per missing piece")
            #expect(run.bytesAsked == Self.bytes.count - kept)
            try store.commit("blob", size: UInt64(Self.bytes.count), sha256: Self.sha256)
            #expect(try store.read("blob", at: 0, count: 50_000) == Self.bytes)
            #expect(ResumablePartTests.files(in: folder) == ["blob"])
        }
    }

    @Test("a pull of other content under the same name, or one that does not resume, starts at 0 and drops the old part",
          arguments: [true, false])
    func startsAfresh(resuming: Bool) async throws {
        try await Self.withFolder { _, open in
            try Self.stopHalfWay(open)
            let store = try open()
            let other = BlobStoreTests.pattern(Self.bytes.count, seed: 10)
            var again = resuming ? Self.pull(resuming: SHA256.hash(other)) : Self.pull(resuming: nil)
            let run = Self.drive(&again, on: store, content: other)
            #expect(again.resumedAt == 0)
            #expect(run.step == .whole && run.fetches.count == 41 && run.fetches.first?.offset == 0)
            try store.commit("blob", size: UInt64(other.count), sha256: SHA256.hash(other))
            #expect(try store.read("blob", at: 0, count: 50_000) == other)
        }
    }

    @Test("a record vouching for more than the part holds, or garbage for a record, starts at 0 and still ends byte for byte",
          arguments: ["record longer than the part", "garbage record"])
    func damaged(_ damage: String) async throws {
        try await Self.withFolder { folder, open in
            try Self.stopHalfWay(open)
            if damage == "garbage record" {
                try AtomicFile.write(Array("LKVPROG1".utf8) + [UInt8](repeating: 0xEE, count: 100), to: "\(folder)/blob.part.progress")
            } else {
                try AtomicFile.write(Array(Self.bytes.prefix(2_000)), to: "\(folder)/blob.part")
            }
            let store = try open()
            var again = Self.pull(resuming: Self.sha256)
            let run = Self.drive(&again, on: store)
            #expect(again.resumedAt == 0 && run.fetches.first?.offset == 0 && run.bytesAsked == Self.bytes.count)
            try store.commit("blob", size: UInt64(Self.bytes.count), sha256: Self.sha256)
            #expect(try store.read("blob", at: 0, count: 50_000) == Self.bytes)
        }
    }

    @Test("a resumed part with every piece recorded is whole at once and asks for nothing")
    func wholeAtOnce() async throws {
        try await Self.withFolder { folder, open in
            try Self.stopHalfWay(open)
            try AtomicFile.write(Self.bytes, to: "\(folder)/blob.part")  // the rest came, and a last checkpoint recorded it
            let (record, _) = try ProgressRecord.open("\(folder)/blob.part.progress", contentID: Self.sha256, chunkCount: 41)
            try record.append(Array(0..<41))
            record.close()
            let store = try open()
            var again = Self.pull(resuming: Self.sha256)
            let run = Self.drive(&again, on: store)
            #expect(run.step == .whole && run.fetches.isEmpty && again.resumedAt == UInt64(Self.bytes.count))
            try store.commit("blob", size: UInt64(Self.bytes.count), sha256: Self.sha256)
        }
    }
}
