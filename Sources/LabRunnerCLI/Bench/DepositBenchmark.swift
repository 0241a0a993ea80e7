import Foundation
import LabKit
import Scenarios

/// `labrunner bench deposit`: the deposit lab on loopback, as processes, against the disk's own pace.
///
/// (a) `cp` of the file then `fsync` (the baseline); (b) deposits of a generated file with k = 1, 2, 3 on four
/// servers, each by a new client; (c) a recovery of it; (e) a server holding copies killed: the time until every
/// file is back at k on the live servers' disks, and the bytes of the new copies against the ideal; (d) peak
/// memory of a client and a server depositing and recovering files of two sizes.
struct DepositBenchmark: Sendable {
    let bytes: Int
    /// Rounds of the baseline and the deposits, interleaved; each figure is the median of its rounds.
    let rounds: Int
    let rssSizes: [Int]
    let impl: Implementation
    let context: CommandContext

    func run() async throws -> DepositBenchmarkResult {
        let console = context.console
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("labrunner-bench-deposit-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let size = SampleFile.describe(bytes: bytes)
        console.out("generating a \(size) file…")
        let sample = try SampleFile.generate(at: "\(folder)/sample.bin", bytes: bytes, seed: 7)

        // Rounds interleave the baseline and the deposits, so the machine's noise hits them alike; each figure is
        // the median of its rounds. The first round's files stay for the recovery and the repair; the later rounds
        // run on a cluster of their own, deleted after them (a kill there could take a k = 1 file's only copy).
        let cluster = try await startCluster(in: "\(folder)/cluster")
        var copies: [Throughput] = [], deposits: [Int: [Throughput]] = [:], ids: [Int: String] = [:]
        // How many deposits of each k had their coordinator (s1, s2, s3) keep a copy: one that does not stages the
        // upload, a second full write of the file on that server, and the figure is slower for it.
        var kept: [Int: Int] = [:]
        let timing = rounds > 1 ? try await startCluster(in: "\(folder)/timing") : nil
        for round in 1...rounds {
            console.out("round \(round) of \(rounds): (a) cp of the \(size) file, then fsync (the disk's pace here); (b) deposits with k = 1, 2, 3, each by a new client, through s1, s2, s3…")
            copies.append(try copyThenSync(sample.path, to: "\(folder)/copy.bin"))
            for k in 1...3 {
                let servers = round == 1 ? cluster : timing!
                let run = try await client(servers, through: ["s\(k)"], ["--do", "deposit \(sample.path) --replicas \(k) --as k\(k).bin"])
                deposits[k, default: []].append(Throughput(bytes: bytes, seconds: try run.seconds()))
                guard let id = run.id else { throw DepositBenchmarkError.clientFailed(run.lines.joined(separator: "\n")) }
                if round == 1 { ids[k] = id }
                if servers.holds("s\(k)", DepositCluster.blob(owner: id, sha256: sample.sha256)) { kept[k, default: 0] += 1 }
            }
        }
        if let timing {
            _ = await timing.stopAll()
            try? FileManager.default.removeItem(atPath: timing.folder)
        }
        let copy = Throughput.median(copies), deposit = deposits.mapValues(Throughput.median)
        console.out("medians of \(rounds) round\(rounds == 1 ? "" : "s") (slowest–fastest):")
        console.out(Self.line("cp + fsync (baseline)", copy, baseline: copy, rounds: copies))
        for k in 1...3 {
            console.out(Self.line("deposit, k = \(k)", deposit[k]!, baseline: copy, rounds: deposits[k]!)
                        + "  coordinator kept a copy in \(kept[k, default: 0]) of \(rounds)")
        }
        console.out("(c) recover the k = 1 file through a server that holds no copy…")
        let holder1 = cluster.names.first { cluster.holds($0, DepositCluster.blob(owner: ids[1]!, sha256: sample.sha256)) }
        let elsewhere = cluster.names.first { $0 != holder1 } ?? "s1"
        // The client knows every server (it reads from a holder the server names), the one with no copy first.
        let recovery = try await client(cluster, through: [elsewhere] + cluster.names.filter { $0 != elsewhere }, ["--id", ids[1]!, "--do", "recover k1.bin --to \(folder)/recovered"])
        let recovered = Throughput(bytes: bytes, seconds: try recovery.seconds())
        console.out(Self.line("recover", recovered, baseline: copy))
        try? FileManager.default.removeItem(atPath: "\(folder)/recovered")

        console.out("(e) kill a server holding copies of the k = 2 and k = 3 files (not the k = 1 one)…")
        let repair = try await repair(cluster, blobs: [2: DepositCluster.blob(owner: ids[2]!, sha256: sample.sha256),
                                                       3: DepositCluster.blob(owner: ids[3]!, sha256: sample.sha256)],
                                      avoiding: DepositCluster.blob(owner: ids[1]!, sha256: sample.sha256))
        _ = await cluster.stopAll()
        console.out(String(format: "  %@ in %.2f s (failure detection: 600 ms); new copies %@ for an ideal %@",
                           repair.backAtK ? "every file back at k" : "NOT every file back at k", repair.seconds, SampleFile.describe(bytes: repair.bytesMoved), SampleFile.describe(bytes: repair.idealBytes)))

        var peaks: [String: DepositBenchmarkResult.Peak] = [:]
        for rssSize in rssSizes {
            console.out("(d) peak memory of a client and a server depositing and recovering \(SampleFile.describe(bytes: rssSize))…")
            let peak = try await peakMemory(size: rssSize, folder: "\(folder)/rss-\(rssSize)")
            peaks[SampleFile.describe(bytes: rssSize)] = peak
            console.out(String(format: "  client %.1f MiB, server %.1f MiB", Double(peak.client) / 1_048_576, Double(peak.server) / 1_048_576))
        }

        console.out("goals:")
        console.out(GoalLine.atLeast("k = 1 ≥ 0.5 × (a)", deposit[1]!.gigabytesPerSecond / copy.gigabytesPerSecond, 0.5))
        console.out(GoalLine.atLeast("k = 3 ≥ 0.5 × k = 1", deposit[3]!.gigabytesPerSecond / deposit[1]!.gigabytesPerSecond, 0.5))
        for (label, peak) in peaks.sorted(by: { $0.key < $1.key }) {
            console.out(GoalLine.atMost("peak RSS in MiB ≤ 64, \(label) (the larger)", Double(max(peak.client, peak.server)) / 1_048_576, 64))
        }
        if let small = rssSizes.min(), let large = rssSizes.max(), small < large,
           let low = peaks[SampleFile.describe(bytes: small)], let high = peaks[SampleFile.describe(bytes: large)] {
            console.out(GoalLine.atMost("peak RSS \(SampleFile.describe(bytes: large)) ÷ \(SampleFile.describe(bytes: small)) ≤ 1.1",
                                        Double(max(high.client, high.server)) / Double(max(low.client, low.server)), 1.1))
        }
        console.out(GoalLine.atMost("repair bytes ÷ ideal ≤ 1.05", Double(repair.bytesMoved) / Double(max(repair.idealBytes, 1)), 1.05))
        return DepositBenchmarkResult(fileBytes: bytes, rounds: rounds, coordinatorKeptCopy: (1...3).map { kept[$0, default: 0] }, copyThenSync: copy, deposits: deposit.sorted { $0.key < $1.key }.map(\.value),
                                      recover: recovered, repair: repair, peakRSS: peaks)
    }

    /// Four servers s1…s4 in `folder`, started and hearing each other.
    private func startCluster(in folder: String) async throws -> DepositCluster {
        let cluster = try DepositCluster(names: ["s1", "s2", "s3", "s4"], folder: folder, processes: .running(impl),
                                         environment: context.environment) { _, _ in }
        for name in cluster.names { try cluster.start(name) }
        for name in cluster.names { try await cluster.waitUntilConnected(name) }
        return cluster
    }

    /// Runs one client to its end (`--do` commands), collecting what it printed.
    private func client(_ cluster: DepositCluster, through servers: [String], _ arguments: [String]) async throws -> DepositCluster.ClientRun {
        try await cluster.run(client: servers, arguments, limit: .seconds(3_600))
    }

    /// Kills a server holding the most of `blobs` (never `avoiding`'s holder, whose only copy it would take) and
    /// waits until each blob is back on its k live servers; the new copies' bytes against one copy per lost one.
    private func repair(_ cluster: DepositCluster, blobs: [Int: String], avoiding: String) async throws -> DepositBenchmarkResult.Repair {
        let candidates = cluster.names.filter { !cluster.holds($0, avoiding) }
        guard let victim = candidates.max(by: { a, b in blobs.values.filter { cluster.holds(a, $0) }.count < blobs.values.filter { cluster.holds(b, $0) }.count }) else {
            throw DepositBenchmarkError.clientFailed("every server holds the k = 1 file")
        }
        let live = cluster.names.filter { $0 != victim }
        let before = blobs.mapValues { blob in Set(live.filter { cluster.holds($0, blob) }) }
        let lost = blobs.values.filter { cluster.holds(victim, $0) }.count
        let copies = CopyWatch(folder: cluster.folder, servers: live, blobs: blobs.sorted { $0.key < $1.key }.map { (file: "k\($0.key)", blob: $0.value) },
                               replicas: Dictionary(uniqueKeysWithValues: blobs.keys.map { ("k\($0)", $0) })) { _ in }
        let started = ContinuousClock.now
        await cluster.kill(victim)
        let backAtK = await copies.waitUntilAtK(within: .seconds(600))
        let seconds = Double((ContinuousClock.now - started).nanoseconds) / 1e9
        let added = blobs.reduce(0) { sum, entry in sum + live.filter { cluster.holds($0, entry.value) && !before[entry.key]!.contains($0) }.count }
        return DepositBenchmarkResult.Repair(victim: victim, backAtK: backAtK, seconds: seconds, bytesMoved: added * bytes, idealBytes: lost * bytes)
    }

    /// A one-server cluster: a client deposits a generated file of `size` bytes (k = 1) and recovers it; the peak
    /// memory each process reports as it exits.
    private func peakMemory(size: Int, folder: String) async throws -> DepositBenchmarkResult.Peak {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = try SampleFile.generate(at: "\(folder)/file.bin", bytes: size, seed: 11)
        let environment = context.environment.merging([PeakMemory.environmentKey: "1"]) { $1 }
        let cluster = try DepositCluster(names: ["r1"], folder: "\(folder)/cluster", processes: .running(impl), environment: environment) { _, _ in }
        try cluster.start("r1")
        try await cluster.waitUntilConnected("r1")
        let deposit = try await client(cluster, through: ["r1"], ["--do", "deposit \(file.path) --replicas 1"])
        _ = try deposit.seconds()
        try? FileManager.default.removeItem(atPath: file.path)
        guard let id = deposit.id else { throw DepositBenchmarkError.clientFailed(deposit.lines.joined(separator: "\n")) }
        let recovery = try await client(cluster, through: ["r1"], ["--id", id, "--do", "recover file.bin --to \(folder)/recovered"])
        _ = try recovery.seconds()
        let servers = await cluster.stopAll()
        guard let server = servers["r1"], let client = [deposit.peak, recovery.peak].compactMap({ $0 }).max() else {
            throw DepositBenchmarkError.clientFailed("no peak memory reported")
        }
        return DepositBenchmarkResult.Peak(client: client, server: server)
    }

    /// `cp source destination`, then an `fsync` of the copy: what a durable local copy costs on this disk.
    private func copyThenSync(_ source: String, to destination: String) throws -> Throughput {
        sync()
        let started = ContinuousClock.now
        let cp = try Process.run(URL(fileURLWithPath: "/bin/cp"), arguments: [source, destination])
        cp.waitUntilExit()
        let copy = try RandomAccessFile.open(destination, mode: .readWrite)
        try copy.synchronize()
        copy.close()
        let elapsed = ContinuousClock.now - started
        try? FileManager.default.removeItem(atPath: destination)
        guard cp.terminationStatus == 0 else { throw DepositBenchmarkError.clientFailed("cp exited with \(cp.terminationStatus)") }
        return Throughput(bytes: bytes, elapsed: elapsed)
    }

    private static func line(_ label: String, _ figure: Throughput, baseline: Throughput, rounds: [Throughput] = []) -> String {
        let spread = rounds.count > 1 ? String(format: "; %.3f–%.3f GB/s", rounds.map(\.gigabytesPerSecond).min()!, rounds.map(\.gigabytesPerSecond).max()!) : ""
        return "  " + pad(label, 34) + String(format: "%6.3f GB/s  %.2f× baseline  (%.2f s", figure.gigabytesPerSecond,
                                              figure.gigabytesPerSecond / max(baseline.gigabytesPerSecond, 1e-9), figure.seconds) + spread + ")"
    }
}

/// Why `labrunner bench deposit` could not finish a measurement.
enum DepositBenchmarkError: Error, CustomStringConvertible {
    case clientFailed(String)

    var description: String {
        switch self {
        case let .clientFailed(output): "a deposit step failed; its last lines:\n\(output)"
        }
    }
}

/// What `labrunner bench deposit` measured (printed, and written as JSON with `--json`).
struct DepositBenchmarkResult: Codable, Sendable {
    /// A server's death and the repair it caused.
    struct Repair: Codable, Sendable {
        let victim: String
        /// Whether every file came back to k within 600 s.
        let backAtK: Bool
        /// From the kill until every file is back at k on the live servers' disks (or until the bench gave up).
        let seconds: Double
        /// The bytes of the copies that appeared on the live servers, and of one copy per copy lost.
        let bytesMoved: Int
        let idealBytes: Int
    }

    /// Peak resident memory, in bytes, of the client (the larger of its deposit and its recovery) and the server.
    struct Peak: Codable, Sendable {
        let client: Int
        let server: Int
    }

    let fileBytes: Int
    /// How many interleaved rounds of (a) and (b) were run; those figures are their medians.
    let rounds: Int
    /// For k = 1, 2, 3: in how many rounds the server the client deposited through kept a copy (one that did not
    /// staged the upload, writing the file once more).
    let coordinatorKeptCopy: [Int]
    let copyThenSync: Throughput
    /// k = 1, 2, 3.
    let deposits: [Throughput]
    let recover: Throughput
    let repair: Repair
    let peakRSS: [String: Peak]
}

extension DepositCluster.ClientRun {
    /// How long its one scripted request took, from its result line (`#1 … in 3.21 s: ok`).
    func seconds() throws -> Double {
        guard status == 0, let line = lines.first(where: { $0.hasPrefix("#1 ") }), line.hasSuffix(": ok") || line.contains(": ok →"),
              let range = line.range(of: " in "), let end = line.range(of: " s: ", range: range.upperBound..<line.endIndex),
              let seconds = Double(line[range.upperBound..<end.lowerBound]) else {
            throw DepositBenchmarkError.clientFailed(lines.suffix(5).joined(separator: "\n"))
        }
        return seconds
    }
}
