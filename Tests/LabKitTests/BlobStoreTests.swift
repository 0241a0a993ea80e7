#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
@testable import LabKit
import Testing

@Suite struct BlobStoreTests {
    /// Which implementation a test runs against.
    enum Kind: String, CaseIterable, CustomTestStringConvertible {
        case memory, disk
        var testDescription: String { rawValue }
    }

    /// A fresh store of `kind` (on disk in a new temporary folder), handed to `body` with a way to reopen it as a
    /// restarted process would; the folder is removed afterwards. It runs off the cooperative pool, as its syncs block.
    static func withStore(_ kind: Kind, _ body: (any BlobStore, _ reopen: () throws -> any BlobStore) throws -> Void) async throws {
        try await offThePool {
            switch kind {
            case .memory:
                let store = MemoryBlobStore()
                try body(store) { store }
            case .disk:
                let folder = FileManager.default.temporaryDirectory.appendingPathComponent("blobs-\(UUID().uuidString)").path
                defer { try? FileManager.default.removeItem(atPath: folder) }
                try body(try DiskBlobStore(folder: folder)) { try DiskBlobStore(folder: folder) }
            }
        }
    }

    /// `count` bytes that differ from one offset to the next, so a read at a wrong offset shows.
    static func pattern(_ count: Int, seed: UInt8 = 0) -> [UInt8] {
        (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 8 &+ Int(seed)) }
    }

    /// Appends `bytes` to `name` in pieces of `piece` bytes, then commits them with their own size and hash.
    static func store(_ bytes: [UInt8], as name: String, in store: any BlobStore, piece: Int = 1_000) throws {
        for start in stride(from: 0, to: bytes.count, by: piece) {
            try store.append(Array(bytes[start..<min(start + piece, bytes.count)]), to: name)
        }
        try store.commit(name, size: UInt64(bytes.count), sha256: SHA256.hash(bytes))
    }

    @Test("pieces appended then committed read back at any offset, fewer at the end, none past it", arguments: Kind.allCases)
    func appendCommitRead(kind: Kind) async throws {
        try await Self.withStore(kind) { store, _ in
            let bytes = Self.pattern(10_000)
            for piece in [1, 7, 4_096, 10_000] { try Self.store(bytes, as: "file-\(piece).bin", in: store, piece: piece) }
            let piecewise = Self.pattern(3_000)
            try store.append(Array(piecewise[..<1_000]), to: "growing")
            #expect(store.partSize(of: "growing") == 1_000)
            try store.append([], to: "growing")
            try store.append(Array(piecewise[1_000...]), to: "growing")
            #expect(store.partSize(of: "growing") == 3_000)
            #expect(store.size(of: "growing") == nil, "an unfinished blob is not visible")
            #expect(store.names == ["file-1.bin", "file-10000.bin", "file-4096.bin", "file-7.bin"])
            try store.commit("growing", size: 3_000, sha256: SHA256.hash(piecewise))
            #expect(store.partSize(of: "growing") == nil)

            #expect(store.size(of: "file-7.bin") == 10_000)
            for piece in [1, 7, 4_096, 10_000] {
                let name = "file-\(piece).bin"
                #expect(try store.read(name, at: 0, count: 10_000) == bytes, "\(name)")
                #expect(try store.read(name, at: 1, count: 3) == Array(bytes[1..<4]), "\(name)")
                #expect(try store.read(name, at: 4_095, count: 4_097) == Array(bytes[4_095..<8_192]), "\(name)")
                #expect(try store.read(name, at: 9_990, count: 100) == Array(bytes[9_990...]), "\(name): fewer at the end")
                #expect(try store.read(name, at: 10_000, count: 100) == [], "\(name): none at the end")
                #expect(try store.read(name, at: 1 << 40, count: 100) == [], "\(name): none past the end")
                #expect(try store.read(name, at: 5, count: 0) == [], "\(name)")
            }
            #expect(try store.read("growing", at: 0, count: 5_000) == piecewise)
            #expect(throws: StorageError.self) { try store.read("absent", at: 0, count: 1) }
        }
    }

    @Test("an unfinished blob reads back what was appended so far, fewer at its end, and nothing once committed or discarded",
          arguments: Kind.allCases)
    func readPart(kind: Kind) async throws {
        try await Self.withStore(kind) { store, _ in
            let bytes = Self.pattern(5_000)
            #expect(throws: StorageError.self) { try store.readPart("growing", at: 0, count: 10) }
            try store.append(Array(bytes[..<3_000]), to: "growing")
            #expect(try store.readPart("growing", at: 0, count: 3_000) == Array(bytes[..<3_000]))
            #expect(try store.readPart("growing", at: 2_990, count: 100) == Array(bytes[2_990..<3_000]), "fewer at its current end")
            #expect(try store.readPart("growing", at: 3_000, count: 100) == [], "none past it yet")
            try store.append(Array(bytes[3_000...]), to: "growing")
            #expect(try store.readPart("growing", at: 2_990, count: 100) == Array(bytes[2_990..<3_090]), "the bytes appended since")
            #expect(try store.readPart("growing", at: 7, count: 0) == [])
            try store.commit("growing", size: 5_000, sha256: SHA256.hash(bytes))
            #expect(throws: StorageError.self) { try store.readPart("growing", at: 0, count: 10) }
            try store.append([1, 2], to: "dropped")
            store.discardPart("dropped")
            #expect(throws: StorageError.self) { try store.readPart("dropped", at: 0, count: 2) }
        }
    }

    @Test("a blob committed without syncs is checked and visible like any; a wrong hash still keeps nothing", arguments: Kind.allCases)
    func passingThrough(kind: Kind) async throws {
        try await Self.withStore(kind) { store, _ in
            let bytes = Self.pattern(4_000)
            try store.append(bytes, to: "stage-a")
            try store.commit("stage-a", size: 4_000, sha256: SHA256.hash(bytes), durable: false)
            #expect(try store.read("stage-a", at: 0, count: 4_000) == bytes)
            try store.append(bytes, to: "stage-b")
            #expect(throws: StorageError.self) { try store.commit("stage-b", size: 4_000, sha256: SHA256.hash([1]), durable: false) }
            #expect(store.size(of: "stage-b") == nil)
            #expect(store.partSize(of: "stage-b") == nil)
        }
    }

    @Test("more blobs than the cached read handles each read back their own bytes", arguments: Kind.allCases)
    func manyBlobsRead(kind: Kind) async throws {
        try await Self.withStore(kind) { store, _ in
            let blobs = (0..<20).map { (name: "blob\($0)", bytes: Self.pattern(100 + $0, seed: UInt8($0))) }
            for blob in blobs { try Self.store(blob.bytes, as: blob.name, in: store) }
            for _ in 0..<2 {
                for blob in blobs { #expect(try store.read(blob.name, at: 0, count: 1_000) == blob.bytes, "\(blob.name)") }
            }
        }
    }

    @Test("a commit with the wrong SHA-256 stores nothing and discards the part", arguments: Kind.allCases)
    func wrongHash(kind: Kind) async throws {
        try await Self.withStore(kind) { store, _ in
            let bytes = Self.pattern(5_000)
            try store.append(bytes, to: "doc")
            var wrong = SHA256.hash(bytes)
            wrong[31] ^= 1
            #expect(throws: StorageError.contentMismatch("doc", reason: "SHA-256 differs")) {
                try store.commit("doc", size: 5_000, sha256: wrong)
            }
            #expect(store.size(of: "doc") == nil && store.names.isEmpty)
            #expect(store.partSize(of: "doc") == nil)
            #expect(throws: StorageError.self) { try store.commit("doc", size: 5_000, sha256: SHA256.hash(bytes)) }
        }
    }

    @Test("a commit with the wrong size stores nothing and discards the part", arguments: Kind.allCases)
    func wrongSize(kind: Kind) async throws {
        try await Self.withStore(kind) { store, _ in
            let bytes = Self.pattern(10)
            try store.append(bytes, to: "doc")
            #expect(throws: StorageError.contentMismatch("doc", reason: "size 10 instead of 12")) {
                try store.commit("doc", size: 12, sha256: SHA256.hash(bytes))
            }
            #expect(store.size(of: "doc") == nil && store.names.isEmpty)
            #expect(store.partSize(of: "doc") == nil)
        }
    }

    @Test("a commit with no part open is notFound", arguments: Kind.allCases)
    func commitWithoutPart(kind: Kind) async throws {
        try await Self.withStore(kind) { store, _ in
            do throws(StorageError) {
                try store.commit("never", size: 0, sha256: SHA256.hash([]))
                Issue.record("committed a blob never appended to")
            } catch {
                guard case .notFound = error else { Issue.record("\(error)"); return }
            }
            try store.append([], to: "empty")
            try store.commit("empty", size: 0, sha256: SHA256.hash([]))
            #expect(store.size(of: "empty") == 0)
            #expect(try store.read("empty", at: 0, count: 10) == [])
        }
    }

    static let badNames = ["", "..", ".", "../escape", "a/b", "/etc/passwd", "a\0b", ".hidden", "x.part", "x.part.progress", "é", "a b",
                           String(repeating: "n", count: 129)]

    @Test("a name that is empty, too long, or could escape the folder or hide a file is refused", arguments: Kind.allCases)
    func invalidNames(kind: Kind) async throws {
        try await Self.withStore(kind) { store, _ in
            for name in Self.badNames {
                #expect(throws: StorageError.invalidBlobName(name), "\(name.debugDescription)") { try store.append([1], to: name) }
                #expect(throws: StorageError.invalidBlobName(name), "\(name.debugDescription)") {
                    try store.commit(name, size: 1, sha256: SHA256.hash([1]))
                }
                #expect(throws: StorageError.invalidBlobName(name), "\(name.debugDescription)") { try store.read(name, at: 0, count: 1) }
                #expect(store.size(of: name) == nil && store.partSize(of: name) == nil)
                store.remove(name)
                store.discardPart(name)
            }
            let longest = String(repeating: "n", count: 128)
            for name in [longest, "a..b", "A-z_0.9", "x.part1"] { try Self.store([7], as: name, in: store) }
            #expect(store.names == ["A-z_0.9", "a..b", longest, "x.part1"])
            #expect("\(StorageError.invalidBlobName("a/b"))".contains("\"a/b\" is no blob name"))
        }
    }

    @Test("an append beyond the capacity is diskFull and leaves the part as it was")
    func capacity() throws {
        let store = MemoryBlobStore(capacity: 100)
        try Self.store(Self.pattern(40), as: "kept", in: store)
        try store.append(Self.pattern(50), to: "part")
        #expect(store.freeBytes == 10)
        #expect(throws: StorageError.diskFull("part")) { try store.append(Self.pattern(11), to: "part") }
        #expect(throws: StorageError.diskFull("other")) { try store.append(Self.pattern(11), to: "other") }
        #expect(store.partSize(of: "part") == 50 && store.partSize(of: "other") == nil)
        try store.append(Self.pattern(10, seed: 50), to: "part")
        #expect(store.freeBytes == 0)
        store.capacity = 20  // a grader shrinking the disk below what is held
        #expect(store.freeBytes == 0)
        #expect(throws: StorageError.diskFull("part")) { try store.append([1], to: "part") }
        store.capacity = 1_000
        try store.commit("part", size: 60, sha256: SHA256.hash(Self.pattern(50) + Self.pattern(10, seed: 50)))
        #expect(store.freeBytes == 900)
        store.remove("kept")
        #expect(store.freeBytes == 940)
    }

    @Test("the disk store's free bytes are the file system's")
    func diskFreeBytes() async throws {
        try await Self.withStore(.disk) { store, _ in
            let folder = (store as! DiskBlobStore).folder
            var info = statvfs()
            #expect(statvfs(folder, &info) == 0)
            let expected = UInt64(info.f_bavail) * UInt64(info.f_frsize)
            let free = store.freeBytes
            #expect(free > 0)
            #expect(free.distance(to: expected).magnitude < 64 << 20, "\(free) vs \(expected)")
        }
    }

    @Test("remove deletes a committed blob durably; removing an absent one is harmless", arguments: Kind.allCases)
    func remove(kind: Kind) async throws {
        try await Self.withStore(kind) { store, reopen in
            try Self.store(Self.pattern(100), as: "gone", in: store)
            try Self.store(Self.pattern(100), as: "stays", in: store)
            #expect(try store.read("gone", at: 0, count: 10).count == 10)
            store.remove("gone")
            store.remove("gone")
            store.remove("never")
            #expect(store.size(of: "gone") == nil && store.names == ["stays"])
            #expect(throws: StorageError.self) { try store.read("gone", at: 0, count: 10) }
            #expect(try reopen().names == ["stays"])
        }
    }

    @Test("a commit replaces an older blob of the same name, even one being read", arguments: Kind.allCases)
    func commitReplaces(kind: Kind) async throws {
        try await Self.withStore(kind) { store, reopen in
            try Self.store(Self.pattern(300, seed: 1), as: "doc", in: store)
            #expect(try store.read("doc", at: 0, count: 1_000) == Self.pattern(300, seed: 1))
            try Self.store(Self.pattern(200, seed: 2), as: "doc", in: store)
            #expect(store.size(of: "doc") == 200 && store.names == ["doc"])
            #expect(try store.read("doc", at: 0, count: 1_000) == Self.pattern(200, seed: 2))
            #expect(try reopen().read("doc", at: 0, count: 1_000) == Self.pattern(200, seed: 2))
        }
    }

    @Test("discardPart forgets an unfinished blob and leaves the committed one of that name", arguments: Kind.allCases)
    func discard(kind: Kind) async throws {
        try await Self.withStore(kind) { store, _ in
            try Self.store([1, 2, 3], as: "doc", in: store)
            try store.append([9, 9], to: "doc")
            store.discardPart("doc")
            store.discardPart("none")
            #expect(store.partSize(of: "doc") == nil)
            #expect(try store.read("doc", at: 0, count: 10) == [1, 2, 3])
            try store.append([4], to: "doc")
            try store.commit("doc", size: 1, sha256: SHA256.hash([4]))
            #expect(try store.read("doc", at: 0, count: 10) == [4], "a part opened after a discard starts empty")
        }
    }

    @Test("a crash of the memory store keeps committed blobs and drops the parts")
    func loseUnfinished() throws {
        let store = MemoryBlobStore(capacity: 1_000)
        try Self.store(Self.pattern(100), as: "kept", in: store)
        try store.append(Self.pattern(200), to: "lost")
        try store.append(Self.pattern(10), to: "kept")
        store.loseUnfinished()
        #expect(store.names == ["kept"] && store.partSize(of: "lost") == nil && store.partSize(of: "kept") == nil)
        #expect(try store.read("kept", at: 0, count: 1_000) == Self.pattern(100))
        #expect(store.freeBytes == 900)
        #expect(throws: StorageError.self) { try store.commit("lost", size: 200, sha256: SHA256.hash(Self.pattern(200))) }
    }

    @Test("a disk store reopened on its folder keeps the committed blobs and no part, on disk or off")
    func reopenDisk() async throws {
        try await Self.withStore(.disk) { store, reopen in
            let folder = (store as! DiskBlobStore).folder
            try Self.store(Self.pattern(1_000), as: "kept", in: store)
            try store.append(Self.pattern(500), to: "lost")
            try store.append(Self.pattern(5), to: "kept")
            #expect(FileManager.default.fileExists(atPath: "\(folder)/lost.part"))
            #expect(store.names == ["kept"], "a part is no committed blob")
            try AtomicFile.write([1, 2], to: "\(folder)/stray.part")  // left by some other run

            let again = try reopen()
            #expect(again.names == ["kept"])
            #expect(again.partSize(of: "lost") == nil && again.partSize(of: "kept") == nil)
            #expect(try again.read("kept", at: 0, count: 2_000) == Self.pattern(1_000))
            let files = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
            #expect(files == ["kept"], "no .part survives a restart")
        }
    }

    @Test("a shell with a storage folder keeps its node's blobs in its blobs subfolder, beside the persisted keys")
    func shellBlobs() async throws {
        /// Stores a blob and a key at its first start; reports the blobs and keys it finds at every start.
        struct Keeper: NodeLogic {
            mutating func start(_ ctx: inout NodeContext<UInt64, String>) throws {
                ctx.deliver("\(ctx.blobs.names) \(ctx.storage.keys.sorted())")
                guard ctx.blobs.names.isEmpty else { return }
                try BlobStoreTests.store(BlobStoreTests.pattern(300_000), as: "film", in: ctx.blobs, piece: 256 << 10)
                try ctx.blobs.append([1], to: "unfinished")
                ctx.persist([1], forKey: "started")
            }
            mutating func receive(_ message: UInt64, from sender: NodeID, _ ctx: inout NodeContext<UInt64, String>) {}
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("shell-blobs-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let outputs = Lock<[String]>([])
        for _ in 0..<2 {
            let shell = NodeShell(Keeper(), configuration: .init(id: "keeper", listen: try .parse("127.0.0.1:0"), storageFolder: folder)) {
                if case let .output(line) = $0 { outputs.withLock { $0.append(line) } }
            }
            try await shell.start()
            await shell.stop()
            try await shell.run()
        }
        #expect(outputs.withLock { $0 } == ["[] []", "[\"film\"] [\"started\"]"])
        let blobs = try DiskBlobStore(folder: "\(folder)/blobs")
        #expect(try blobs.read("film", at: 0, count: 1 << 20) == Self.pattern(300_000))
    }
}
