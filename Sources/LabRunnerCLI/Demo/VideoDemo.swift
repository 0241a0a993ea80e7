import Foundation
import LabKit

/// `labrunner demo video`: a tracker and three peers as separate processes on loopback. Two seeders share a
/// generated sample video; the downloader pulls it from both; one seeder is killed half-way; the download
/// completes from the other, and its SHA-256 is checked against the original's.
struct VideoDemo: Sendable {
    let size: Int
    let impl: Implementation
    let keep: Bool
    /// Where the run's trace goes.
    let trace: DemoTrace
    let context: CommandContext

    static let fileName = "sample-video.mp4"

    func run() async throws -> Int32 {
        let names = ["tracker", "seeder-1", "seeder-2", "downloader"]
        let out = DemoConsole(console: context.console, style: context.style, names: names)
        let style = context.style
        let started = ContinuousClock.now
        let elapsed: @Sendable () -> String = { String(format: "%.1f s", Double((ContinuousClock.now - started).nanoseconds) / 1e9) }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("labrunner-video-demo-\(getpid())").path
        defer { if !keep { try? FileManager.default.removeItem(atPath: folder) } }
        out.say("video: a tracker and 3 peers as separate processes on loopback, running the \(impl.rawValue)'s code")
        out.say("generating a \(SampleFile.describe(bytes: size)) sample video (seeded random bytes) in \(folder)…")
        let original = try SampleFile.generate(at: "\(folder)/seeder-1/share/\(Self.fileName)", bytes: size, seed: 2026)
        try SampleFile.share(original.path, also: "\(folder)/seeder-2/share/\(Self.fileName)")
        out.say("sha256 of the original: \(original.sha256)")

        let trackerAddress = Lock<String?>(nil)
        let (trackerReady, announce) = AsyncStream<Void>.makeStream()
        let tracker = try spawn("tracker", 0, ["node", "video", "tracker", "--listen", "127.0.0.1:0", "--ttl", "3s"], out) { line in
            if let found = NodeOutputLine.address(in: line) {
                trackerAddress.withLock { $0 = found }
                announce.yield()
            }
        }
        let listening = try? await withDeadline(.seconds(20)) { await trackerReady.first { true } != nil }
        guard listening == true, let address = trackerAddress.withLock({ $0 }) else {
            tracker.kill()
            out.say(style.red("the tracker did not start (see its output above)"))
            return 1
        }
        let seeders = try (1...2).map { number in
            try spawn("seeder-\(number)", number, ["node", "video", "peer", "--id", "seeder-\(number)", "--tracker", address,
                                                   "--share", "\(folder)/seeder-\(number)/share"], out) { _ in }
        }
        let digest = Lock<String?>(nil)
        let (halfWay, reachHalf) = AsyncStream<Void>.makeStream()
        let downloader = try spawn("downloader", 3, ["node", "video", "peer", "--id", "downloader", "--tracker", address,
                                                     "--downloads", "\(folder)/downloader/downloads",
                                                     "--download", Self.fileName, "--min-sources", "2"], out) { line in
            if line.hasPrefix("progress \(Self.fileName) 50%") { reachHalf.yield() }
            if line.hasPrefix("  sha256 ") { digest.withLock { $0 = String(line.dropFirst(9)) } }
        }
        let killer = Task {
            guard await halfWay.first(where: { true }) != nil else { return }
            out.say(style.red("killing seeder-1 (SIGKILL) half-way through the download, at \(elapsed())"))
            seeders[0].kill()
            trace.note(.crash, "seeder-1")
        }
        let status = try? await withDeadline(.seconds(1800)) { await downloader.waitForExit() }
        killer.cancel()
        for child in seeders + [tracker] { child.terminate() }
        for child in seeders + [tracker] { _ = await child.waitForExit() }
        guard let status else {
            downloader.kill()
            out.say(style.red("the download did not finish within 30 minutes"))
            return 1
        }
        let received = digest.withLock { $0 }
        out.say(style.bold("summary after \(elapsed())"))
        out.say("  original   sha256 \(original.sha256)")
        out.say("  downloaded sha256 \(received ?? "none (exit status \(status))")")
        let success = status == 0 && received == original.sha256
        out.say(success ? style.green("the download survived the seeder's death and matches the original byte for byte")
                        : style.red("the download failed or does not match (see above)"))
        trace.finish(out)
        if keep { out.say("files kept in \(folder)") }
        return success ? 0 : 1
    }

    private func spawn(_ name: String, _ index: Int, _ arguments: [String], _ out: DemoConsole,
                       onLine: @escaping @Sendable (String) -> Void) throws -> ChildProcess {
        try ChildProcess(name: name, executable: LabRunnerExecutable.running, arguments: arguments + trace.arguments(for: name) + ["--impl", impl.rawValue], environment: context.environment) { line in
            out.line(from: name, index: index, line)
            onLine(line)
        }
    }
}
