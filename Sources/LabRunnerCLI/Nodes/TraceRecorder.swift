import Foundation
import LabKit

/// A node's trace for `--trace FILE`: collects the shell's trace events (at most `limit`, the first ones) and
/// writes them at the end as FILE (`.jsonl`) and its space-time diagram (`.svg`) beside it.
final class TraceRecorder: Sendable {
    /// Where to write, or `nil` when no trace was asked for (nothing is collected then).
    let path: String?
    /// The most events kept, so a node left running for days does not grow without bound.
    static let limit = 200_000
    private let events = Lock<[TraceEvent]>([])

    init(path: String?) {
        self.path = path
    }

    /// Keeps `event` if a trace was asked for and the limit is not reached.
    func record(_ event: TraceEvent) {
        guard path != nil else { return }
        events.withLock { if $0.count < Self.limit { $0.append(event) } }
    }

    /// Writes the trace and its diagram titled `title`, if asked for; prints where, or the error. Returns
    /// whether all went well.
    func write(title: String, console: Console) -> Bool {
        guard let path else { return true }
        // `--trace run/server.jsonl` writes run/server.jsonl and its diagram run/server.svg.
        let url = URL(fileURLWithPath: path)
        let name = url.pathExtension == "jsonl" ? url.deletingPathExtension().lastPathComponent : url.lastPathComponent
        do {
            let files = try TraceFiles.write(events.withLock { $0 }, to: url.deletingLastPathComponent().path, name: name,
                                             diagram: SpaceTimeDiagram(title: title))
            console.out("trace written to \(files.jsonl) and \(files.svg)")
            return true
        } catch {
            console.err("error: \(error)")
            return false
        }
    }
}
