#if canImport(DepositSolution)
import DepositKit
import Foundation
import LabKit
import Scenarios
import Testing

/// The reference deposit server as a real process, against a client that dies half-way through an upload, and one
/// that dies half-way through a recovery.
@Suite("Deposit processes")
struct DepositProcessTests {
    @Test("a client killed mid-upload leaves no file: nothing under a final name, no .part after a restart, nothing listed",
          .timeLimit(.minutes(2)))
    func clientDiesMidUpload() async throws {
        let (folder, cluster) = try await Self.startServer("deposit-mid-upload", file: GeneratedFile(seed: 5, size: 512 << 20))
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let blobs = "\(folder)/cluster/s1/blobs"
        func entries() -> [String] { ((try? FileManager.default.contentsOfDirectory(atPath: blobs)) ?? []).sorted() }

        let lines = Lock<[String]>([])
        let client = try cluster.client("alice", through: ["s1"], ["--do", "deposit \(folder)/big.bin --replicas 1"]) { line in
            lines.withLock { $0.append(line) }
        }
        // The client is killed as soon as the server's part appears and it printed its id (which its prompt may do
        // after the upload began).
        let sawPart = await Self.kill(client) {
            ((try? FileManager.default.contentsOfDirectory(atPath: blobs)) ?? []).contains { $0.hasSuffix(".part") }
                && lines.withLock { $0.contains { $0.hasPrefix("client id ") } }
        }
        #expect(sawPart, "no upload under way was seen: \(entries())")
        #expect(!lines.withLock { $0 }.contains { $0.hasPrefix("#1 ") }, "the upload ended before the client could be killed")
        #expect(entries().allSatisfy { $0.hasSuffix(".part") }, "a file under its final name: \(entries())")

        await cluster.kill("s1")
        try cluster.start("s1")
        try await cluster.waitUntilConnected("s1")
        #expect(entries().isEmpty, "left after the restart: \(entries())")
        let id = try #require(lines.withLock { $0 }.first { $0.hasPrefix("client id ") }?.split(separator: " ").dropFirst(2).first.map(String.init))
        let listed = Lock<[String]>([])
        let lister = try cluster.client("alice", through: ["s1"], ["--id", id, "--do", "list"]) { line in listed.withLock { $0.append(line) } }
        #expect(await lister.waitForExit() == 0)
        #expect(listed.withLock { $0 }.contains { $0.hasPrefix("#1 list") && $0.hasSuffix(": 0 file(s)") }, "\(listed.withLock { $0 })")
        _ = await cluster.stopAll()
    }

    @Test("a client killed mid-recovery resumes on the next recover of the file: it says where, and the file is byte for byte",
          .timeLimit(.minutes(2)))
    func clientDiesMidRecovery() async throws {
        let (folder, cluster) = try await Self.startServer("deposit-mid-recovery", file: GeneratedFile(seed: 6, size: 256 << 20))
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let deposit = try await cluster.run(client: ["s1"], ["--store", "\(folder)/depositor", "--do", "deposit \(folder)/big.bin --replicas 1"],
                                            limit: .seconds(90))
        let id = try #require(deposit.id, "\(deposit.lines)")
        let blobs = "\(folder)/alice/blobs"
        let recover = ["--id", id, "--store", "\(folder)/alice", "--do", "recover big.bin --to \(folder)/out"]

        let lines = Lock<[String]>([])
        let client = try cluster.client("alice", through: ["s1"], recover) { line in lines.withLock { $0.append(line) } }
        // The client is killed once its progress record vouches for a first checkpoint (past its 40-byte header).
        let recorded = await Self.kill(client) {
            ((try? FileManager.default.contentsOfDirectory(atPath: blobs)) ?? []).contains { entry in
                entry.hasSuffix(".part.progress") && (try? FileManager.default.attributesOfItem(atPath: "\(blobs)/\(entry)")[.size] as? Int) ?? 0 > 40
            }
        }
        #expect(recorded, "no checkpoint of the recovery was seen: \(lines.withLock { $0 })")
        #expect(!lines.withLock { $0 }.contains { $0.hasPrefix("#1 ") }, "the recovery ended before the client could be killed")
        #expect(!FileManager.default.fileExists(atPath: "\(folder)/out/big.bin"), "nothing under the final name")

        let again = try await cluster.run(client: ["s1"], recover, limit: .seconds(90))
        #expect(again.status == 0, "\(again.lines)")
        let resumed = again.lines.first { $0.hasPrefix("recover big.bin: resuming at ") }
        #expect(resumed?.hasSuffix(" of 256.0 MiB") == true && resumed?.hasPrefix("recover big.bin: resuming at 0 B") == false, "\(again.lines)")
        #expect(again.lines.contains { $0.hasPrefix("#1 recover big.bin") && $0.contains(": ok → ") }, "\(again.lines)")
        #expect(FileManager.default.contentsEqual(atPath: "\(folder)/big.bin", andPath: "\(folder)/out/big.bin"))
        let left = ((try? FileManager.default.contentsOfDirectory(atPath: blobs)) ?? []).filter { $0.contains(".part") }
        #expect(left.isEmpty, "no part or record left: \(left)")
        _ = await cluster.stopAll()
    }

    /// A new folder (the caller removes it) holding `file` as big.bin, and a cluster of one reference server, s1,
    /// started in it.
    static func startServer(_ name: String, file: GeneratedFile) async throws -> (folder: String, cluster: DepositCluster) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString.prefix(8))").path
        try AtomicFile.makeFolder(folder)
        do {
            try DepositScenarios.write(file, to: "\(folder)/big.bin")
            let cluster = try DepositCluster(names: ["s1"], folder: "\(folder)/cluster", processes: .labRunner(.solution),
                                             environment: ProcessInfo.processInfo.environment) { _, _ in }
            try cluster.start("s1")
            try await cluster.waitUntilConnected("s1")
            return (folder, cluster)
        } catch {
            try? FileManager.default.removeItem(atPath: folder)
            throw error
        }
    }

    /// Kills `client` as soon as `condition` holds (or it ended, or a minute passed) and waits for it to be gone:
    /// whether the condition was seen. Watched from a thread of its own, not the cooperative pool, which other tests
    /// may keep busy for longer than the transfer lasts.
    static func kill(_ client: ChildProcess, when condition: @escaping @Sendable () -> Bool) async -> Bool {
        let seen = await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
            Thread.detachNewThread {
                let deadline = Date().addingTimeInterval(60)
                var seen = false
                while !seen, client.ending == nil, Date() < deadline {
                    seen = condition()
                    if !seen { usleep(500) }
                }
                client.kill()
                continuation.resume(returning: seen)
            }
        }
        _ = await client.waitForExit()
        return seen
    }
}
#endif
