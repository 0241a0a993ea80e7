import FileTransfer
import LabKit

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A download's progress as one line redrawn in place — percent, bar, megabytes, rate and time left — when
/// standard output is a terminal; nothing at all when it is piped, so scripts and logs stay clean.
///
/// ```swift
/// let bar = ProgressBar(label: "movie.mp4")
/// let report = try await engine.run { bar.update($0) }
/// bar.finish()
/// ```
/// `update` may be called from any task and as often as chunks arrive; the line is redrawn at most every
/// `minimumInterval`, and always when the download reaches 100 %.
final class ProgressBar: Sendable {
    private struct State {
        var started: ContinuousClock.Instant?
        var lastDraw: ContinuousClock.Instant?
        var last: DownloadProgress?
        var drawn = false
    }

    /// The text in front of the bar, usually the file's name.
    let label: String
    /// Whether anything is drawn at all.
    let isEnabled: Bool
    private let minimumInterval: Duration
    private let write: @Sendable (String) -> Void
    private let state = Lock(State())

    /// A bar that draws on standard output when it is a terminal.
    convenience init(label: String) {
        self.init(label: label, isEnabled: isatty(STDOUT_FILENO) != 0, minimumInterval: .milliseconds(100), write: writeToStandardOutput)
    }

    /// A bar that hands its text to `write` (tests, other outputs); draws nothing unless `isEnabled`.
    init(label: String, isEnabled: Bool, minimumInterval: Duration, write: @escaping @Sendable (String) -> Void) {
        self.label = label
        self.isEnabled = isEnabled
        self.minimumInterval = minimumInterval
        self.write = write
    }

    /// Shows `progress`, unless the line was drawn less than `minimumInterval` ago.
    func update(_ progress: DownloadProgress) {
        guard isEnabled else { return }
        let now = ContinuousClock.now
        let text = state.withLock { state -> String? in
            let started = state.started ?? now
            state.started = started
            state.last = progress
            let complete = progress.bytesVerified >= progress.totalBytes
            if let lastDraw = state.lastDraw, lastDraw.duration(to: now) < minimumInterval, !complete { return nil }
            state.lastDraw = now
            state.drawn = true
            return "\r" + Self.line(label: label, progress: progress, elapsed: started.duration(to: now)) + "\u{1B}[K"
        }
        if let text { write(text) }
    }

    /// Draws the last progress one final time and ends the line.
    func finish() {
        guard isEnabled else { return }
        let text = state.withLock { state -> String? in
            guard state.drawn, let last = state.last, let started = state.started else { return nil }
            return "\r" + Self.line(label: label, progress: last, elapsed: started.duration(to: .now)) + "\u{1B}[K\n"
        }
        if let text { write(text) }
    }

    /// The line for `progress` after `elapsed`:
    /// `movie.mp4  42% [##########..............]  452/1074 MB  612.3 MB/s  ETA 0:01  3 sources`.
    /// The rate counts the bytes received in this run; the time left assumes it holds.
    static func line(label: String, progress: DownloadProgress, elapsed: Duration, width: Int = 24) -> String {
        let fraction = min(max(progress.fraction, 0), 1)
        let filled = Int((fraction * Double(width)).rounded(.down))
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let rate = seconds > 0 ? Double(progress.bytesReceived) / seconds : 0
        let left = Double(progress.totalBytes - min(progress.bytesVerified, progress.totalBytes))
        let eta = left == 0 ? "0:00" : rate > 0 ? clock(left / rate) : "--:--"
        let sources = progress.activeSources == 1 ? "1 source" : "\(progress.activeSources) sources"
        return "\(label) \(pad(Int(fraction * 100), 3))% [\(bar)] \(megabytes(progress.bytesVerified))/\(megabytes(progress.totalBytes)) MB"
            + "  \(oneDecimal(rate / 1e6)) MB/s  ETA \(eta)  \(sources)"
    }

    /// Whole megabytes (10^6 bytes).
    private static func megabytes(_ bytes: UInt64) -> String { "\(bytes / 1_000_000)" }

    private static func oneDecimal(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }

    /// `m:ss`, or `h:mm:ss` from an hour on.
    private static func clock(_ seconds: Double) -> String {
        let total = Int(seconds.rounded(.up))
        let (hours, minutes, rest) = (total / 3600, total / 60 % 60, total % 60)
        let twoDigits = { (value: Int) in value < 10 ? "0\(value)" : "\(value)" }
        return hours > 0 ? "\(hours):\(twoDigits(minutes)):\(twoDigits(rest))" : "\(minutes):\(twoDigits(rest))"
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let text = "\(value)"
        return String(repeating: " ", count: max(0, width - text.count)) + text
    }
}

/// Writes `text` to standard output at once, bypassing `print`'s buffer, so the line shows immediately.
private func writeToStandardOutput(_ text: String) {
    let bytes = Array(text.utf8)
    var offset = 0
    while offset < bytes.count {
        let written = bytes.withUnsafeBytes { write(STDOUT_FILENO, $0.baseAddress! + offset, $0.count - offset) }
        if written > 0 {
            offset += written
        } else if written < 0 && errno == EINTR {
            continue
        } else {
            return
        }
    }
}
