import DepositKit
import Foundation
@testable import LabRunnerCLI
import Testing

/// Which folder a deposit client pulls its recoveries into, and what is left of it when the client stops.
@Suite struct DepositClientFolderTests {
    static let id = ClientID("3f2a9c1e-07b4-4d5e-9a10-6c2f8e41b7d3")!

    /// A new base folder for `body`, removed afterwards.
    static func withBase(_ body: (String) throws -> Void) throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("client-folders-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: base) }
        try body(base)
    }

    /// Leaves an unfinished recovery in `folder`'s blob store: a part and its progress record, which lists a piece
    /// unless `empty` (then there is nothing to resume).
    static func leaveUnfinishedRecovery(in folder: String, empty: Bool = false) throws {
        try Data([1]).write(to: URL(fileURLWithPath: "\(folder)/blobs/x.part"))
        try Data(repeating: 2, count: empty ? 40 : 44).write(to: URL(fileURLWithPath: "\(folder)/blobs/x.part.progress"))
    }

    static func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

    @Test("a client with --id has its id's folder, kept when it stops only with an unfinished recovery in it")
    func byID() throws {
        try Self.withBase { base in
            let folder = try DepositClientFolder.hold(store: nil, id: Self.id, node: "client-1", base: base)
            #expect(folder.path == "\(base)/\(Self.id)" && folder.owned)
            try FileManager.default.createDirectory(atPath: "\(folder.path)/blobs", withIntermediateDirectories: true)
            try Self.leaveUnfinishedRecovery(in: folder.path, empty: true)
            #expect(!folder.holdsUnfinishedRecovery)
            #expect(folder.release(welcomed: Self.id) == nil && !Self.exists(folder.path), "nothing to resume: deleted")

            let again = try DepositClientFolder.hold(store: nil, id: Self.id, node: "client-2", base: base)
            try FileManager.default.createDirectory(atPath: "\(again.path)/blobs", withIntermediateDirectories: true)
            try Self.leaveUnfinishedRecovery(in: again.path)
            #expect(again.holdsUnfinishedRecovery)
            #expect(again.release(welcomed: Self.id) == again.path && Self.exists("\(again.path)/blobs/x.part"))
        }
    }

    @Test("a second client with the same id, while the first runs, gets a folder of its own")
    func heldByAnother() throws {
        try Self.withBase { base in
            let first = try DepositClientFolder.hold(store: nil, id: Self.id, node: "client-1", base: base)
            let second = try DepositClientFolder.hold(store: nil, id: Self.id, node: "client-2", base: base)
            #expect(second.path == "\(base)/client-2" && second.owned)
            #expect(throws: DepositClientFolder.Problem.inUse(first.path)) { try DepositClientFolder.hold(store: first.path, id: nil, node: "c3") }
            _ = second.release(welcomed: Self.id)
            _ = first.release(welcomed: Self.id)
            let third = try DepositClientFolder.hold(store: nil, id: Self.id, node: "client-3", base: base)
            #expect(third.path == first.path, "free again once the first stopped")
            _ = third.release(welcomed: Self.id)
        }
    }

    @Test("a new client's folder with an unfinished recovery becomes its id's folder when it stops; else it is deleted")
    func newClient() throws {
        try Self.withBase { base in
            let folder = try DepositClientFolder.hold(store: nil, id: nil, node: "client-7", base: base)
            #expect(folder.path == "\(base)/client-7")
            try FileManager.default.createDirectory(atPath: "\(folder.path)/blobs", withIntermediateDirectories: true)
            try Self.leaveUnfinishedRecovery(in: folder.path)
            #expect(folder.release(welcomed: Self.id) == "\(base)/\(Self.id)")
            #expect(Self.exists("\(base)/\(Self.id)/blobs/x.part.progress") && !Self.exists(folder.path))

            let other = try DepositClientFolder.hold(store: nil, id: nil, node: "client-8", base: base)
            try FileManager.default.createDirectory(atPath: "\(other.path)/blobs", withIntermediateDirectories: true)
            try Self.leaveUnfinishedRecovery(in: other.path)
            #expect(other.release(welcomed: Self.id) == nil && !Self.exists(other.path), "the id's folder is taken: deleted")
        }
    }

    @Test("a --store folder is kept, whatever it holds")
    func store() throws {
        try Self.withBase { base in
            let folder = try DepositClientFolder.hold(store: "\(base)/mine", id: Self.id, node: "client-1", base: base)
            #expect(folder.path == "\(base)/mine" && !folder.owned)
            #expect(folder.release(welcomed: Self.id) == "\(base)/mine" && Self.exists("\(base)/mine"))
        }
    }
}
