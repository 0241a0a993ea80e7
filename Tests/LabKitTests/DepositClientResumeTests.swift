import DepositKit
import Foundation
import LabKit
import Testing

/// The deposit client with `resumeRecoveries`, on a disk store: a recovery cut short goes on in the next client on
/// the same folder, if the file is still the same version; another version drops the old part.
@Suite struct DepositClientResumeTests {
    static let owner = ClientID("3f2a9c1e-07b4-4d5e-9a10-6c2f8e41b7d3")!
    static let piece = 1_000

    static func record(of bytes: [UInt8], version: UInt64 = 1) -> FileRecord {
        FileRecord(owner: owner, name: "big.bin", size: UInt64(bytes.count), sha256: SHA256.hash(bytes), replicas: 1, version: version)
    }

    /// One client process: its node, its blob store and durable keys, what it delivered and the fetches it sent to h1.
    struct Process {
        var client: DepositClient
        let store: DiskBlobStore
        var storage: [String: [UInt8]]
        var delivered: [DepositEvent] = []
        var fetches: [(offset: UInt64, count: Int)] = []

        init(folder: String, storage: [String: [UInt8]], resumes: Bool = true) throws {
            client = DepositClient(config: DepositClientConfig(servers: ["s1"], id: DepositClientResumeTests.owner,
                                                               pieceSize: DepositClientResumeTests.piece, resumeRecoveries: resumes))
            store = try DiskBlobStore(folder: folder, checkpointBytes: UInt64(4 * DepositClientResumeTests.piece))
            self.storage = storage
        }

        /// Runs `event` on the node with a fresh context, keeping what it persisted, delivered and fetched.
        mutating func handle(_ event: (inout DepositClient, inout DepositContext) -> Void) {
            var ctx = DepositContext(id: "client", now: .zero, random: SeededRandom(seed: 1), storage: storage, blobs: store)
            event(&client, &ctx)
            storage = ctx.storage
            for effect in ctx.effects {
                switch effect {
                case let .deliver(event): delivered.append(event)
                case let .send(.fetch(_, offset, count), to: "h1"): fetches.append((offset, count))
                default: continue
                }
            }
        }

        /// Says hello, asks to recover big.bin, and is told `record` is on h1.
        mutating func recover(_ record: FileRecord) {
            handle { $0.start(&$1) }
            handle { $0.receive(.welcome(request: 0, client: DepositClientResumeTests.owner), from: "s1", &$1) }
            handle { $0.command(.recover(name: "big.bin"), &$1) }
            handle { $0.receive(.found(request: 1, record: record, holders: ["h1"]), from: "s1", &$1) }
        }

        /// Answers the fetches to h1 in order from `bytes`, until none is left or `limit` were answered.
        mutating func serve(_ record: FileRecord, _ bytes: [UInt8], limit: Int = .max) {
            var answered = 0
            while answered < limit, answered < fetches.count {
                let fetch = fetches[answered]
                let end = min(Int(fetch.offset) + fetch.count, bytes.count)
                handle { $0.receive(.piece(key: record.blobName, offset: fetch.offset, bytes: Array(bytes[Int(fetch.offset)..<end])), from: "h1", &$1) }
                answered += 1
            }
        }

        var outcome: DepositOutcome? {
            delivered.lazy.compactMap { event -> DepositOutcome? in
                guard case let .finished(_, _, outcome) = event else { return nil }
                return outcome
            }.first
        }
    }

    /// A client process that recovers `record` in `folder` and is killed after 17 pieces (its store goes, but for the
    /// checkpoint under way, which it finishes): the keys it persisted.
    static func killedPartWay(_ record: FileRecord, _ bytes: [UInt8], in folder: String) throws -> [String: [UInt8]] {
        var process = try Process(folder: folder, storage: [:])
        process.recover(record)
        process.serve(record, bytes, limit: 17)
        #expect(process.outcome == nil && process.store.partSize(of: record.blobName) == 17_000)
        return process.storage
    }

    /// A new folder for `body`, removed afterwards, run off the cooperative pool.
    static func withFolder(_ body: (String) throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("client-resume-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try await offThePool { try body(folder) }
    }

    @Test("a client killed part-way through a recovery resumes it in the next run, says where, and fetches only the rest")
    func resumes() async throws {
        try await Self.withFolder { folder in
            let bytes = BlobStoreTests.pattern(30_200, seed: 4), record = Self.record(of: bytes)
            let storage = try Self.killedPartWay(record, bytes, in: folder)
            #expect(storage.values.contains(Array(record.blobName.utf8)), "the recovery's blob is remembered")

            var second = try Process(folder: folder, storage: storage)
            second.recover(record)
            let resumed = try #require(second.delivered.lazy.compactMap { event -> UInt64? in
                guard case let .resuming(1, "big.bin", offset, 30_200) = event else { return nil }
                return offset
            }.first)
            #expect(resumed >= 4_000 && resumed <= 16_000 && resumed % 1_000 == 0)
            second.serve(record, bytes)
            #expect(second.fetches.allSatisfy { $0.offset >= resumed } && second.fetches.count == 31 - Int(resumed) / 1_000)
            #expect(second.outcome == .recovered(record))
            #expect(try second.store.read(record.blobName, at: 0, count: 40_000) == bytes)
            #expect(second.storage.isEmpty, "nothing left to resume")
            #expect(ResumablePartTests.files(in: folder) == [record.blobName])
        }
    }

    @Test("a new version of the file drops the old version's part and starts at 0; a client that does not resume starts at 0 too",
          arguments: [true, false])
    func newVersion(resumes: Bool) async throws {
        try await Self.withFolder { folder in
            let old = BlobStoreTests.pattern(30_200, seed: 4), oldRecord = Self.record(of: old)
            let storage = try Self.killedPartWay(oldRecord, old, in: folder)

            let new = BlobStoreTests.pattern(20_000, seed: 5), newRecord = Self.record(of: resumes ? new : old, version: 2)
            let content = resumes ? new : old
            var second = try Process(folder: folder, storage: storage, resumes: resumes)
            second.recover(newRecord)
            #expect(!second.delivered.contains { if case .resuming = $0 { true } else { false } })
            #expect(!ResumablePartTests.files(in: folder).contains(oldRecord.blobName + ".part"), "the old part is gone")
            second.serve(newRecord, content)
            #expect(second.fetches.first?.offset == 0 && second.fetches.count == (content.count + 999) / 1_000)
            #expect(second.outcome == .recovered(newRecord))
            #expect(try second.store.read(newRecord.blobName, at: 0, count: 40_000) == content)
        }
    }
}
