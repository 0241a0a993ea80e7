import Foundation
import LabKit

/// A node's trace for `--trace FILE`: each of the shell's trace events (at most `limit`, the first ones) is
/// appended to FILE (`.jsonl`) as it happens, so a node killed with SIGKILL leaves the trace of what it did; a
/// node that stops writes the whole trace again at once, with its space-time diagram (`.svg`) beside it.
/// With `--trace-origin`, times count from that instant instead of the node's start, so the traces of the
/// processes of one run line up (``TraceMerge``).
final class TraceRecorder: Sendable {
    /// Where to write, or `nil` when no trace was asked for (nothing is collected then).
    let path: String?
    /// The most events kept, so a node left running for days does not grow without bound.
    static let limit = 200_000
    /// How long after the trace's origin this node started: added to every event's time.
    private let shift: Duration
    private let state = Lock(State())

    private struct State {
        var events: [TraceEvent] = []
        /// The file events are appended to as they come, and where the next one goes; `nil` once writing failed.
        var file: RandomAccessFile?
        var end: UInt64 = 0
    }

    init(_ options: NodeOptions) {
        path = options.tracePath.map(Self.jsonlPath)
        let origin = options.traceOrigin ?? Date()
        shift = .milliseconds(max(0, Int64((Date().timeIntervalSince(origin) * 1000).rounded())))
        guard let path else { return }
        let file = try? RandomAccessFile.open(path, mode: .create)
        if let file, (try? file.truncate(to: 0)) != nil { state.withLock { $0.file = file } } else { file?.close() }
    }

    /// Keeps `event` if a trace was asked for and the limit is not reached, and appends it to the file.
    func record(_ event: TraceEvent) {
        guard path != nil else { return }
        var event = event
        event.time += shift
        state.withLock { state in
            guard state.events.count < Self.limit else { return }
            state.events.append(event)
            guard let file = state.file else { return }
            let line = Array((TraceJSONL.encodeLine(event) + "\n").utf8)
            do {
                try file.write(at: state.end, line)
                state.end += UInt64(line.count)
            } catch {
                file.close()
                state.file = nil  // the whole trace is still written at the end
            }
        }
    }

    /// Writes the trace and its diagram titled `title`, if asked for; prints where, or the error. Returns
    /// whether all went well.
    func write(title: String, console: Console) -> Bool {
        guard let path else { return true }
        // `--trace run/server.jsonl` (or `run/server`) writes run/server.jsonl and its diagram run/server.svg.
        let events = state.withLock { state in
            state.file?.close()
            state.file = nil
            return state.events
        }
        do {
            let (directory, name) = TraceFiles.location(of: path)
            let files = try TraceFiles.write(events, to: directory, name: name, diagram: SpaceTimeDiagram(title: title))
            console.out("trace written to \(files.jsonl) and \(files.svg)")
            console.out("view it: \(TraceViewer.command(for: files.jsonl))")
            return true
        } catch {
            console.err("error: \(error)")
            return false
        }
    }

    /// `FILE` when it ends in `.jsonl`, else `FILE.jsonl`.
    private static func jsonlPath(_ path: String) -> String {
        path.hasSuffix(".jsonl") ? path : path + ".jsonl"
    }
}
