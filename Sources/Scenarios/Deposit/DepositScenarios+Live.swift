import DepositKit
import Foundation
import LabKit

extension DepositScenarios {
    /// The scenario that runs four servers and their clients as real processes of `processes` (never a mutant:
    /// a mutant is a type in this process, and `labrunner node` runs only the student's code or the reference).
    public static func live(_ processes: NodeProcesses) -> Scenario {
        Scenario(id: "deposit.6.1-live-kill", lab: "deposit", exercise: "6.1", points: 2, seeds: 1, mode: .live,
                 needs: ["1.1", "2.1", "3.1", "3.2", "3.3", "4.1"],
                 summary: "four servers as real processes (labrunner node deposit server) on loopback: a client deposits a 16 MiB file with k = 2; a server holding it is killed with SIGKILL right after the ok; the client, back with its id through another server, recovers it with a matching SHA-256; within 30 s repair puts the file back on 2 live servers' disks") { seed in
            try await killAfterAcknowledgement(processes, bytes: 16 << 20, seed: seed)
        }
    }

    /// Four server processes; a client deposits a generated file of `bytes` bytes with k = 2, a holder is
    /// SIGKILLed right after the ok, the file is recovered through another server and checked, and repair
    /// must bring it back to 2 copies on the live servers' disks. Every process is stopped at the end.
    package static func killAfterAcknowledgement(_ processes: NodeProcesses, bytes: Int, seed: UInt64) async throws {
        try await ScenarioFolder.with("deposit.6.1-live-kill") { folder in
            let content = GeneratedFile(seed: seed, size: UInt64(bytes))
            try write(content, to: folder.file("video.bin"))
            // The first unfinished exercise any process names: a skeleton's run fails as "not implemented".
            let missing = Lock<NotImplemented?>(nil)
            let cluster: DepositCluster
            do {
                cluster = try DepositCluster(names: serverNames(4).map(\.name), folder: folder.file("cluster"), processes: processes,
                                             environment: ProcessInfo.processInfo.environment) { _, line in
                    if let found = NotImplemented(foundIn: line) { missing.withLock { $0 = $0 ?? found } }
                }
            } catch {
                throw ScenarioFailure(.crashed("\(error)"))
            }
            do {
                try await killAfterAcknowledgement(cluster, content, folder: folder, missing: missing)
            } catch {
                _ = await cluster.stopAll()
                if let exercise = missing.withLock({ $0 })?.exercise { throw ScenarioFailure(.notImplemented(exercise: exercise)) }
                throw error
            }
            _ = await cluster.stopAll()
        }
    }

    private static func killAfterAcknowledgement(_ cluster: DepositCluster, _ content: GeneratedFile, folder: ScenarioFolder,
                                                 missing: Lock<NotImplemented?>) async throws {
        do {
            for name in cluster.names { try cluster.start(name) }
            for name in cluster.names { try await cluster.waitUntilConnected(name) }
        } catch {
            throw ScenarioFailure(.crashed("\(error)"))
        }
        let deposit = try await runClient(cluster, missing: missing, through: cluster.names, ["--do", "deposit \(folder.file("video.bin")) --replicas 2"])
        try expect(deposit.status == 0 && deposit.lines.contains { $0.hasPrefix("#1 deposit ") && $0.hasSuffix(": ok") },
                   "a deposit of \(show(bytes: content.size)) with k = 2 on 4 live servers to be ok",
                   observed: "the client printed: " + deposit.lines.suffix(3).joined(separator: " | "))
        guard let id = deposit.id else {
            throw ScenarioFailure(.wrong(expected: "the client to print its id", observed: deposit.lines.prefix(3).joined(separator: " | ")))
        }
        let blob = DepositCluster.blob(owner: id, sha256: content.sha256.hex)
        let holders = cluster.names.filter { cluster.holds($0, blob) }
        try expect(holders.count >= 2, "at the ok, 2 servers to hold a durable copy of the file on disk",
                   observed: "copies on \(holders.isEmpty ? "no server" : holders.joined(separator: ", "))")
        let victim = holders[0]
        await cluster.kill(victim)

        let live = cluster.names.filter { $0 != victim }
        let elsewhere = live.first { !holders.contains($0) } ?? live[0]
        let recovered = folder.file("recovered")
        let recovery = try await runClient(cluster, missing: missing, through: [elsewhere] + cluster.names.filter { $0 != elsewhere },
                                           ["--id", id, "--do", "recover video.bin --to \(recovered)"])
        let hash = try? SHA256.hash(fileAt: "\(recovered)/video.bin")
        try expect(recovery.status == 0 && hash == content.sha256,
                   "after \(victim) (a holder) was killed, the file recovered through \(elsewhere) with its SHA-256 \(content.sha256.hex.prefix(12))…",
                   observed: hash.map { "a file with SHA-256 \($0.hex.prefix(12))…" } ?? "no file; the client printed: " + recovery.lines.suffix(3).joined(separator: " | "))

        let deadline = ContinuousClock.now + .seconds(30)
        var copies = live.filter { cluster.holds($0, blob) }
        while copies.count != 2, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(100))
            copies = live.filter { cluster.holds($0, blob) }
        }
        try expect(copies.count == 2, "within 30 s of \(victim)'s death, repair to keep the file on exactly 2 live servers",
                   observed: "copies on \(copies.isEmpty ? "no live server" : copies.joined(separator: ", "))")
    }

    /// Runs one scripted client to its end (at most 120 s), stopped as soon as a process names an unfinished exercise.
    private static func runClient(_ cluster: DepositCluster, missing: Lock<NotImplemented?>, through servers: [String],
                                  _ arguments: [String]) async throws -> DepositCluster.ClientRun {
        do {
            return try await cluster.run(client: servers, arguments, limit: .seconds(120)) { missing.withLock { $0 } != nil }
        } catch {
            throw ScenarioFailure(.crashed("\(error)"))
        }
    }

    /// Writes `content` to `path`, a mebibyte at a time.
    package static func write(_ content: GeneratedFile, to path: String) throws(StorageError) {
        let file = try RandomAccessFile.open(path, mode: .create)
        defer { file.close() }
        var offset: UInt64 = 0
        while offset < content.size {
            let piece = content.bytes(at: offset, count: Int(min(1 << 20, content.size - offset)))
            try file.write(at: offset, piece)
            offset += UInt64(piece.count)
        }
    }
}
