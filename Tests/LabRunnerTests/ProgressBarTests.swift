import LabKit
import Testing
import FileTransfer
@testable import LabRunnerCLI

@Suite struct ProgressBarTests {
    static func progress(verified: UInt64, received: UInt64, total: UInt64 = 1_000_000_000, sources: Int = 3) -> DownloadProgress {
        DownloadProgress(name: "movie.mp4", bytesVerified: verified, totalBytes: total, bytesReceived: received, activeSources: sources,
                         chunksVerified: 0, chunkCount: 954)
    }

    @Test("the line shows percent, bar, megabytes, rate, time left and sources")
    func line() {
        let text = ProgressBar.line(label: "movie.mp4", progress: Self.progress(verified: 420_000_000, received: 400_000_000), elapsed: .seconds(2), width: 10)
        #expect(text == "movie.mp4  42% [####......] 420/1000 MB  200.0 MB/s  ETA 0:03  3 sources")
    }

    @Test("no rate yet shows an unknown time left; done shows 0:00")
    func edges() {
        let start = ProgressBar.line(label: "a", progress: Self.progress(verified: 0, received: 0, sources: 1), elapsed: .zero, width: 4)
        #expect(start == "a   0% [....] 0/1000 MB  0.0 MB/s  ETA --:--  1 source")
        let done = ProgressBar.line(label: "a", progress: Self.progress(verified: 1_000_000_000, received: 1_000_000_000), elapsed: .seconds(4000), width: 4)
        #expect(done == "a 100% [####] 1000/1000 MB  0.3 MB/s  ETA 0:00  3 sources")
        let slow = ProgressBar.line(label: "a", progress: Self.progress(verified: 1_000_000, received: 1_000_000), elapsed: .seconds(10), width: 4)
        #expect(slow.contains("ETA 2:46:30"))
    }

    @Test("an enabled bar redraws in place, at most once per interval, and always at 100 %")
    func throttled() {
        let output = Lock<[String]>([])
        let bar = ProgressBar(label: "m", isEnabled: true, minimumInterval: .seconds(60)) { text in output.withLock { $0.append(text) } }
        bar.update(Self.progress(verified: 1, received: 1))
        bar.update(Self.progress(verified: 2, received: 2))
        bar.update(Self.progress(verified: 1_000_000_000, received: 1_000_000_000))
        bar.finish()
        let lines = output.withLock { $0 }
        #expect(lines.count == 3)
        #expect(lines.allSatisfy { $0.hasPrefix("\r") })
        #expect(lines.last?.hasSuffix("\u{1B}[K\n") == true)
        #expect(lines.last?.contains("100%") == true)
    }

    @Test("a disabled bar (output piped) writes nothing")
    func piped() {
        let output = Lock<[String]>([])
        let bar = ProgressBar(label: "m", isEnabled: false, minimumInterval: .zero) { text in output.withLock { $0.append(text) } }
        bar.update(Self.progress(verified: 1, received: 1))
        bar.finish()
        #expect(output.withLock { $0.isEmpty })
    }
}
