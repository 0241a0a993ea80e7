import Foundation
@testable import LabKit
import Testing

/// A disk store's resumable parts (`resumePart`): what survives a restart, and what is cut or dropped.
@Suite struct ResumablePartTests {
    static let piece = 1_000
    static let bytes = BlobStoreTests.pattern(25_500, seed: 3)
    static let sha256 = SHA256.hash(bytes)
    static var size: UInt64 { UInt64(bytes.count) }

    /// A new folder for `body`, removed afterwards, run off the cooperative pool; `open` opens a store on it (a
    /// restarted process) that checkpoints every 4 pieces.
    static func withFolder(_ body: (_ folder: String, _ open: () throws -> DiskBlobStore) throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("resumable-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try await offThePool {
            try body(folder) { try DiskBlobStore(folder: folder, checkpointBytes: UInt64(4 * piece)) }
        }
    }

    /// Appends pieces `range` of ``bytes`` to "blob".
    static func append(pieces range: Range<Int>, to store: DiskBlobStore) throws {
        for index in range {
            try store.append(Array(bytes[(index * piece)..<min((index + 1) * piece, bytes.count)]), to: "blob")
        }
    }

    /// A store on the folder resumes "blob" (`size` bytes of ``bytes``) and takes its pieces `0..<count`, then goes as a
    /// killed process's would, but for the checkpoint under way, which it finishes; `also` runs on it before.
    static func interrupted(after count: Int, _ open: () throws -> DiskBlobStore, size: UInt64 = size, sha256: [UInt8] = sha256,
                            also: (DiskBlobStore) throws -> Void = { _ in }) throws {
        let store = try open()
        _ = store.resumePart("blob", size: size, sha256: sha256, pieceSize: piece)
        try append(pieces: 0..<count, to: store)
        try also(store)
    }

    static func files(in folder: String) -> [String] { ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted() }

    @Test("a resumable part outlives a restart, cut to the pieces its record vouches for, and goes on to the right blob")
    func resumesAfterRestart() async throws {
        try await Self.withFolder { folder, open in
            try Self.interrupted(after: 13, open) { store in #expect(store.partSize(of: "blob") == 13_000) }
            #expect(Self.files(in: folder) == ["blob.part", "blob.part.progress"])
            let store = try open()
            #expect(Self.files(in: folder) == ["blob.part", "blob.part.progress"], "a recorded part outlives the restart")
            #expect(store.partSize(of: "blob") == nil, "it is no open part until resumed")
            let kept = store.resumePart("blob", size: Self.size, sha256: Self.sha256, pieceSize: Self.piece)
            #expect(kept >= 4_000 && kept <= 12_000 && kept % 1_000 == 0, "the first checkpoint at 4 pieces and none past the 12 whole ones: \(kept)")
            #expect(store.partSize(of: "blob") == kept)
            #expect(try FileManager.default.attributesOfItem(atPath: "\(folder)/blob.part")[.size] as? UInt64 == kept,
                    "bytes past what the record vouches for are cut")
            try Self.append(pieces: Int(kept) / Self.piece..<26, to: store)
            try store.commit("blob", size: Self.size, sha256: Self.sha256)
            #expect(try store.read("blob", at: 0, count: 30_000) == Self.bytes)
            #expect(Self.files(in: folder) == ["blob"], "the record goes with the commit")
        }
    }

    @Test("a part of other content, with no record, with a record vouching for more than it holds or with garbage for a record starts at 0",
          arguments: ["other content", "no record", "record longer than the part", "garbage record"])
    func startsAfresh(_ case: String) async throws {
        try await Self.withFolder { folder, open in
            try Self.interrupted(after: 9, open)
            var sha256 = Self.sha256
            switch `case` {
            case "other content": sha256 = SHA256.hash([1, 2, 3])
            case "no record": AtomicFile.remove("\(folder)/blob.part.progress")
            case "record longer than the part":
                let record = try [UInt8](Data(contentsOf: URL(fileURLWithPath: "\(folder)/blob.part.progress")))
                #expect(record.count > 40)
                try AtomicFile.write(Array(Self.bytes.prefix(1_500)), to: "\(folder)/blob.part")  // one piece and a half
            default: try AtomicFile.write((0..<300).map { UInt8(truncatingIfNeeded: $0 &* 13) }, to: "\(folder)/blob.part.progress")
            }
            let store = try open()
            #expect(store.resumePart("blob", size: Self.size, sha256: sha256, pieceSize: Self.piece) == 0)
            #expect(try FileManager.default.attributesOfItem(atPath: "\(folder)/blob.part")[.size] as? UInt64 == 0)
            try Self.append(pieces: 0..<26, to: store)
            if `case` == "other content" {
                #expect(throws: StorageError.self) { try store.commit("blob", size: Self.size, sha256: sha256) }
            } else {
                try store.commit("blob", size: Self.size, sha256: sha256)
                #expect(try store.read("blob", at: 0, count: 30_000) == Self.bytes)
            }
            #expect(!Self.files(in: folder).contains { $0.hasSuffix(".part") || $0.hasSuffix(".progress") })
        }
    }

    @Test("a record with stray entries past a gap is written again with the pieces kept alone")
    func strayEntries() async throws {
        try await Self.withFolder { folder, open in
            try Self.interrupted(after: 12, open)
            let path = "\(folder)/blob.part.progress"
            let (record, listed) = try ProgressRecord.open(path, contentID: Self.sha256, chunkCount: 26)
            let first = try #require(listed.max()) + 1
            try record.append([first + 1, 20])  // past a gap: never trusted
            record.close()
            let store = try open()
            let kept = store.resumePart("blob", size: Self.size, sha256: Self.sha256, pieceSize: Self.piece)
            #expect(kept == UInt64(first * Self.piece))
            #expect(try ProgressRecordTests.listed(path, content: Self.sha256, chunkCount: 26) == Set(0..<first))
        }
    }

    @Test("a plain part and a record without its part do not outlive a restart; discardPart drops a kept part and its record")
    func restartAndDiscard() async throws {
        try await Self.withFolder { folder, open in
            try Self.interrupted(after: 5, open) { store in try store.append([1, 2, 3], to: "plain") }
            try AtomicFile.write(Array("LKVPROG1".utf8) + Self.sha256, to: "\(folder)/orphan.part.progress")
            let store = try open()
            #expect(Self.files(in: folder) == ["blob.part", "blob.part.progress"])
            #expect(store.names.isEmpty, "neither a part nor a record is a blob")
            store.discardPart("blob")
            #expect(Self.files(in: folder).isEmpty)
        }
    }

    @Test("a resumed part that is whole already is kept whole; its commit checks it as any")
    func wholeAlready() async throws {
        try await Self.withFolder { folder, open in
            let sha256 = SHA256.hash(Array(Self.bytes.prefix(8_000)))
            try Self.interrupted(after: 8, open, size: 8_000, sha256: sha256)
            // The last checkpoint may not have started (one was under way): the record is completed as it would have been.
            let (record, _) = try ProgressRecord.open("\(folder)/blob.part.progress", contentID: sha256, chunkCount: 8)
            try record.append(Array(0..<8))
            record.close()
            let store = try open()
            #expect(store.resumePart("blob", size: 8_000, sha256: sha256, pieceSize: Self.piece) == 8_000)
            try store.commit("blob", size: 8_000, sha256: sha256)
            #expect(try store.read("blob", at: 0, count: 9_000) == Array(Self.bytes.prefix(8_000)))
        }
    }

    @Test("the memory store keeps nothing to resume: resumePart drops the part and returns 0")
    func memory() throws {
        let store = MemoryBlobStore()
        try store.append([1, 2, 3], to: "blob")
        #expect(store.resumePart("blob", size: 10, sha256: SHA256.hash([1]), pieceSize: 1) == 0)
        #expect(store.partSize(of: "blob") == nil)
    }
}
