#if canImport(DepositSolution)
import DepositKit
import Foundation
import LabKit
import Scenarios
import Testing

/// The reference deposit server as a real process, against a client that dies half-way through an upload.
@Suite("Deposit processes")
struct DepositProcessTests {
    @Test("a client killed mid-upload leaves no file: nothing under a final name, no .part after a restart, nothing listed",
          .timeLimit(.minutes(2)))
    func clientDiesMidUpload() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("deposit-mid-upload-\(UUID().uuidString.prefix(8))").path
        try AtomicFile.makeFolder(folder)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try DepositScenarios.write(GeneratedFile(seed: 5, size: 512 << 20), to: "\(folder)/big.bin")
        let cluster = try DepositCluster(names: ["s1"], folder: "\(folder)/cluster", processes: .labRunner(.solution),
                                         environment: ProcessInfo.processInfo.environment) { _, _ in }
        try cluster.start("s1")
        try await cluster.waitUntilConnected("s1")
        let blobs = "\(folder)/cluster/s1/blobs"
        func entries() -> [String] { ((try? FileManager.default.contentsOfDirectory(atPath: blobs)) ?? []).sorted() }

        let lines = Lock<[String]>([])
        let client = try cluster.client("alice", through: ["s1"], ["--do", "deposit \(folder)/big.bin --replicas 1"]) { line in
            lines.withLock { $0.append(line) }
        }
        // Watched from a thread of its own, not the cooperative pool, which other tests may keep busy for longer
        // than the upload lasts: the client is killed as soon as the server's part appears.
        let sawPart = await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
            Thread.detachNewThread {
                let deadline = Date().addingTimeInterval(60)
                var seen = false
                while !seen, client.ending == nil, Date() < deadline {
                    seen = ((try? FileManager.default.contentsOfDirectory(atPath: blobs)) ?? []).contains { $0.hasSuffix(".part") }
                    if !seen { usleep(500) }
                }
                client.kill()
                continuation.resume(returning: seen)
            }
        }
        _ = await client.waitForExit()
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
}
#endif
