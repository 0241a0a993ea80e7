import Foundation
import LabKit
import VideoKit

/// `labrunner bench video`: the video lab's data plane against baselines measured in the same run.
///
/// (a) a plain blocking socket blast; (b) a single-source download of a generated file to disk; (c) the same
/// from three sources; curl fetching the same file from a local HTTP server to disk — (b), (c) and curl each
/// right after an untimed download, in rounds, each reported as its median; (d) the downloader's
/// peak resident memory for two file sizes (a child process each); (e) total bytes received when one of two
/// sources dies half-way; and SHA-256 speed next to `sha256sum` and `openssl`.
struct VideoBenchmark<V: VideoImplementation>: Sendable {
    let bytes: Int
    /// Timed runs of each download and of curl, interleaved; each figure is their median.
    let rounds: Int
    let rssSizes: [Int]
    let impl: Implementation
    let context: CommandContext

    func run() async throws -> VideoBenchmarkResult {
        let console = context.console
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("labrunner-bench-video-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let name = "sample-video.mp4"
        console.out("generating a \(SampleFile.describe(bytes: bytes)) sample file…")
        let sample = try SampleFile.generate(at: "\(folder)/share/\(name)", bytes: bytes, seed: 7)

        console.out("(a) plain socket blast, \(SampleFile.describe(bytes: bytes)) over loopback, best of \(rounds)…")
        let net = try await NetBenchmark.run(bytes: bytes, rounds: rounds)
        let blast = VideoBenchmarkResult.Figure(bytes: net.baseline.bytes, seconds: net.baseline.seconds)
        console.out(line("socket blast (baseline)", blast, baseline: blast))

        console.out("SHA-256 on 1 GiB: LabKit vs sha256sum vs openssl…")
        let hashing = try HashBenchmark.run(bytes: 1 << 30)
        let hashLine = { (label: String, figure: HashBenchmarkResult.Measurement?, note: String) in
            console.out("  " + pad(label, 34) + (figure.map { String(format: "%6.2f GB/s", $0.gigabytesPerSecond) } ?? "not found") + note)
        }
        hashLine("LabKit SHA256", hashing.labKit, "  (\(hashing.labKitEngine))")
        hashLine("sha256sum", hashing.sha256sum, "")
        hashLine("openssl dgst -sha256", hashing.openssl, "")

        let library = try await SharedLibrary<V.Hashing>(folder: "\(folder)/share").scan()
        let services = try (1...3).map { _ in try ChunkService<V.Responder>(library: library, listen: SocketAddress.parse("127.0.0.1:0")) }
        let serving = services.map { service in Task { await service.run() } }
        defer { services.forEach { $0.stop() }; serving.forEach { $0.cancel() } }
        let contacts = services.enumerated().map { PeerContact(peer: NodeID("seeder-\($0.offset + 1)"), address: "\($0.element.localAddress!)") }
        let file = library[name]!.manifest.sharedFile

        // On this kind of VM a run that fills gigabytes of page cache is up to 3× slower depending on what ran
        // just before it (the host takes back memory the guest frees, and discards the blocks of a deleted file):
        // right after curl's file is removed every writer crawls, right after one of our downloads none does.
        // So every timed run comes right after the same untimed download, and each figure is the median.
        var runs = VideoBenchmarkResult.Runs()
        var server: String?
        for round in 1...rounds {
            console.out("round \(round) of \(rounds): (b) 1 source, (c) 3 sources, curl, each after an untimed download…")
            try await condition(file, from: contacts, folder: folder)
            runs.singleSource.append(try await download(file, from: Array(contacts.prefix(1)), into: "\(folder)/single"))
            try await condition(file, from: contacts, folder: folder)
            runs.threeSources.append(try await download(file, from: contacts, into: "\(folder)/triple"))
            try await condition(file, from: contacts, folder: folder)
            Self.writeBack()
            let (timing, httpServer) = try await CurlComparison.fetch("\(folder)/share", file: name, into: "\(folder)/curl/\(name)")
            server = httpServer
            if let timing {
                runs.curl.append(VideoBenchmarkResult.Figure(bytes: bytes, seconds: timing.seconds))
                runs.curlThenSync.append(VideoBenchmarkResult.Figure(bytes: bytes, seconds: timing.syncedSeconds))
            }
        }
        let single = Self.median(runs.singleSource), triple = Self.median(runs.threeSources)
        let curl = runs.curl.isEmpty ? nil : Self.median(runs.curl)
        let curlSynced = runs.curlThenSync.isEmpty ? nil : Self.median(runs.curlThenSync)
        console.out("medians of \(rounds) round\(rounds == 1 ? "" : "s") (slowest–fastest):")
        console.out(line("(b) download, 1 source", single, baseline: blast, runs: runs.singleSource))
        console.out(line("(c) download, 3 sources", triple, baseline: blast, runs: runs.threeSources))
        if let curl, let curlSynced {
            console.out(line("curl from local \(server ?? "HTTP server")", curl, baseline: blast, runs: runs.curl))
            console.out(line("curl, then fsync (durable)", curlSynced, baseline: blast, runs: runs.curlThenSync))
        } else {
            console.out("  curl: not measured (no curl or HTTP server found)")
        }
        console.out("goals:")
        console.out(GoalLine.atLeast("(b) ≥ 0.5 × (a)", single.gigabytesPerSecond / blast.gigabytesPerSecond, 0.5))
        // Every byte is hashed twice (on arrival, and by the finisher's whole-file check): a ceiling before any I/O.
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let ceiling = Double(cores) * hashing.labKit.gigabytesPerSecond / 2
        console.out("    ceiling from hashing alone (twice, \(cores) cores): " + String(format: "%.2f GB/s = %.2f × (a)", ceiling, ceiling / blast.gigabytesPerSecond))
        if let curl, let curlSynced {
            console.out(GoalLine.atLeast("(b) ≥ curl (to the page cache)", single.gigabytesPerSecond / curl.gigabytesPerSecond, 1))
            console.out(GoalLine.atLeast("(b) ≥ curl + fsync (both durable)", single.gigabytesPerSecond / curlSynced.gigabytesPerSecond, 1))
        }
        console.out(GoalLine.atLeast("(c) ≥ (b)", triple.gigabytesPerSecond / single.gigabytesPerSecond, 1))

        console.out("(e) download from 2 sources, one killed half-way…")
        let failover = try await downloadWithFailure(file, from: Array(contacts.prefix(2)), dying: services[0], into: "\(folder)/failover")
        console.out(GoalLine.atMost("received ÷ file size ≤ 1.05", Double(failover) / Double(bytes), 1.05))

        var peaks: [String: Int] = [:]
        for size in rssSizes {
            console.out("(d) peak memory of a downloader process for a \(SampleFile.describe(bytes: size)) file…")
            let peak = try await downloaderPeak(size: size, folder: "\(folder)/rss-\(size)")
            peaks[SampleFile.describe(bytes: size)] = peak
            console.out(GoalLine.atMost("peak RSS in MiB ≤ 64", Double(peak) / 1_048_576, 64))
        }
        if let smallest = rssSizes.min(), let largest = rssSizes.max(), smallest < largest,
           let low = peaks[SampleFile.describe(bytes: smallest)], let high = peaks[SampleFile.describe(bytes: largest)] {
            console.out(GoalLine.atMost("peak RSS \(SampleFile.describe(bytes: largest)) ÷ \(SampleFile.describe(bytes: smallest)) ≤ 1.1",
                                        Double(high) / Double(low), 1.1))
        }

        _ = sample
        return VideoBenchmarkResult(fileBytes: bytes, rounds: rounds, socketBlast: blast, singleSource: single, threeSources: triple,
                                    curl: curl, curlThenSync: curlSynced, runs: runs, httpServer: server, peakRSS: peaks,
                                    failoverBytesReceived: failover, hashing: hashing)
    }

    private func download(_ file: SharedFile, from sources: [PeerContact], into folder: String) async throws -> VideoBenchmarkResult.Figure {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let engine = DownloadEngine<V.Plan, V.Hashing, V.Finisher>(name: file.name, expected: file.listedContent, sources: sources, downloads: folder)
        Self.writeBack()
        let clock = ContinuousClock(), started = clock.now
        _ = try await engine.run()
        let seconds = Double((clock.now - started).nanoseconds) / 1e9
        try? FileManager.default.removeItem(atPath: folder)
        return VideoBenchmarkResult.Figure(bytes: Int(file.size), seconds: seconds)
    }

    /// An untimed single-source download, removed at once: it leaves the machine in the same state before every
    /// timed run.
    private func condition(_ file: SharedFile, from sources: [PeerContact], folder: String) async throws {
        _ = try await download(file, from: Array(sources.prefix(1)), into: "\(folder)/untimed")
    }

    private func downloadWithFailure(_ file: SharedFile, from sources: [PeerContact], dying: ChunkService<V.Responder>,
                                     into folder: String) async throws -> UInt64 {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let engine = DownloadEngine<V.Plan, V.Hashing, V.Finisher>(name: file.name, expected: file.listedContent, sources: sources, downloads: folder)
        let report = try await engine.run { progress in
            if progress.fraction >= 0.5 { dying.stop() }
        }
        try? FileManager.default.removeItem(atPath: folder)
        return report.bytesReceived
    }

    /// Runs `labrunner node video peer --download` as a child process for a generated file of `size` bytes,
    /// served by a tracker and a seeder in this process, and returns the child's peak resident memory.
    private func downloaderPeak(size: Int, folder: String) async throws -> Int {
        let name = "rss-sample.bin"
        _ = try SampleFile.generate(at: "\(folder)/share/\(name)", bytes: size, seed: 11)
        let library = try await SharedLibrary<V.Hashing>(folder: "\(folder)/share").scan()
        let loopback = try SocketAddress.parse("127.0.0.1:0")
        let service = try ChunkService<V.Responder>(library: library, listen: loopback)
        let serving = Task { await service.run() }
        let tracker = NodeShell(V.Tracker(config: TrackerConfig()), configuration: .init(id: "tracker", listen: loopback, transport: .tcp)) { _ in }
        let trackerAddress = try await tracker.start()
        let seeder = NodeShell(V.Agent(config: PeerAgentConfig(address: "\(service.localAddress!)", files: library.values.map(\.manifest.sharedFile))),
                               configuration: .init(id: "seeder", listen: loopback, transport: .tcp, peers: ["tracker": trackerAddress])) { _ in }
        let running = [Task { try? await tracker.run() }, Task { try? await seeder.run() }]
        let peak = Lock<Int?>(nil)
        let child = try ChildProcess(name: "downloader", executable: LabRunnerExecutable.running, arguments: [
            "node", "video", "peer", "--id", "downloader", "--tracker", "\(trackerAddress)", "--downloads", "\(folder)/downloads",
            "--download", name, "--impl", impl.rawValue,
        ], environment: context.environment.merging([PeakMemory.environmentKey: "1"]) { $1 }) { line in
            if let value = PeakMemory.parse(line) { peak.withLock { $0 = value } }
        }
        let status = await child.waitForExit()
        await seeder.stop()
        await tracker.stop()
        service.stop()
        for task in running { await task.value }
        await serving.value
        try? FileManager.default.removeItem(atPath: folder)
        guard status == 0, let bytes = peak.withLock({ $0 }) else { throw VideoBenchmarkError.downloaderFailed(status: status) }
        return bytes
    }

    /// Writes every dirty page back to disk, so each timed run starts alike: not slowed down by the
    /// write-back of files an earlier step wrote (the sample, the previous download).
    private static func writeBack() {
        sync()
    }

    private func line(_ label: String, _ figure: VideoBenchmarkResult.Figure, baseline: VideoBenchmarkResult.Figure,
                      runs: [VideoBenchmarkResult.Figure] = []) -> String {
        let rates = runs.map(\.gigabytesPerSecond)
        let spread = rates.count > 1 ? String(format: "  (%.2f–%.2f)", rates.min()!, rates.max()!) : ""
        return "  " + pad(label, 34) + String(format: "%6.2f GB/s  %.2f× baseline", figure.gigabytesPerSecond,
                                               figure.gigabytesPerSecond / max(baseline.gigabytesPerSecond, 1e-9)) + spread
    }

    /// The run in the middle by throughput (of an even count, the slower of the middle two).
    private static func median(_ runs: [VideoBenchmarkResult.Figure]) -> VideoBenchmarkResult.Figure {
        runs.sorted { $0.gigabytesPerSecond < $1.gigabytesPerSecond }[(runs.count - 1) / 2]
    }
}

/// Why `labrunner bench video` could not finish a measurement.
enum VideoBenchmarkError: Error, CustomStringConvertible {
    case downloaderFailed(status: Int32)

    var description: String {
        switch self {
        case let .downloaderFailed(status): "the downloader process failed (exit status \(status)); run it by hand to see why"
        }
    }
}

/// What `labrunner bench video` measured (printed, and written as JSON with `--json`).
struct VideoBenchmarkResult: Codable, Sendable {
    typealias Figure = Throughput

    /// Every timed run of the contenders measured in rounds; the figures above are their medians.
    struct Runs: Codable, Sendable {
        var singleSource: [Figure] = []
        var threeSources: [Figure] = []
        var curl: [Figure] = []
        var curlThenSync: [Figure] = []
    }

    let fileBytes: Int
    let rounds: Int
    let socketBlast: Figure
    let singleSource: Figure
    let threeSources: Figure
    let curl: Figure?
    let curlThenSync: Figure?
    let runs: Runs
    let httpServer: String?
    let peakRSS: [String: Int]
    let failoverBytesReceived: UInt64
    let hashing: HashBenchmarkResult
}
