import Foundation
@testable import LabKit
import Testing

/// The progress record that video downloads and deposit recoveries share: what it lists, for which content.
@Suite struct ProgressRecordTests {
    static let content = SHA256.hash(Array("the file".utf8)), other = SHA256.hash(Array("another file".utf8))

    /// A new temporary folder for `body`, removed afterwards; run off the cooperative pool, as records sync.
    static func withFolder(_ body: (String) throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("progress-\(UUID().uuidString)").path
        try AtomicFile.makeFolder(folder)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try await offThePool { try body(folder) }
    }

    /// Opens the record at `path` for `content`, closes it, and returns what it listed.
    static func listed(_ path: String, content: [UInt8] = content, chunkCount: Int = 100) throws -> Set<Int> {
        let (record, listed) = try ProgressRecord.open(path, contentID: content, chunkCount: chunkCount)
        record.close()
        return listed
    }

    @Test("a record lives beside its part file and lists, reopened, the chunks appended to it")
    func appendsAndReopens() async throws {
        try await Self.withFolder { folder in
            let path = ProgressRecord.path(forPart: "\(folder)/movie.mp4.part")
            #expect(path == "\(folder)/movie.mp4.part.progress")
            let (record, listed) = try ProgressRecord.open(path, contentID: Self.content, chunkCount: 100)
            #expect(listed.isEmpty)
            try record.append([0, 1, 2])
            try record.append([])
            try record.append([7, 70_000])
            record.close()
            #expect(try Self.listed(path, chunkCount: 100) == [0, 1, 2, 7], "an index past the chunk count is ignored")
            #expect(try Self.listed(path, chunkCount: 100_000) == [0, 1, 2, 7, 70_000])
            #expect(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int == 8 + 32 + 5 * 4)
        }
    }

    @Test("a record of other content, a damaged header or garbage is started afresh, empty",
          arguments: ["other content", "wrong magic", "short header", "garbage", "empty file"])
    func startsAfresh(_ damage: String) async throws {
        try await Self.withFolder { folder in
            let path = "\(folder)/blob.part.progress"
            let (record, _) = try ProgressRecord.open(path, contentID: Self.content, chunkCount: 10)
            try record.append([0, 1, 2])
            record.close()
            var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
            var content = Self.content
            switch damage {
            case "other content": content = Self.other
            case "wrong magic": bytes[0] ^= 1
            case "short header": bytes = Array(bytes.prefix(39))
            case "garbage": bytes = (0..<200).map { UInt8(truncatingIfNeeded: $0 &* 97) }
            default: bytes = []
            }
            try AtomicFile.write(bytes, to: path)
            #expect(try Self.listed(path, content: content, chunkCount: 10).isEmpty)
            let header = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
            #expect(header == Array("LKVPROG1".utf8) + content, "rewritten as a fresh record of the content asked for")
        }
    }

    @Test("a torn last entry (a kill in the middle of an append) is ignored, and the next append goes after the whole ones")
    func tornEntry() async throws {
        try await Self.withFolder { folder in
            let path = "\(folder)/blob.part.progress"
            let (record, _) = try ProgressRecord.open(path, contentID: Self.content, chunkCount: 10)
            try record.append([0, 1])
            record.close()
            let handle = try #require(FileHandle(forWritingAtPath: path))
            handle.seekToEndOfFile()
            handle.write(Data([0, 0]))  // half of an entry
            try handle.close()
            let (again, listed) = try ProgressRecord.open(path, contentID: Self.content, chunkCount: 10)
            #expect(listed == [0, 1])
            try again.append([2])
            again.close()
            #expect(try Self.listed(path, chunkCount: 10) == [0, 1, 2])
        }
    }
}
