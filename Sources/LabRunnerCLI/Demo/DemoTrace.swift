import Foundation
import LabKit

/// The trace of a demo: every node process writes its own (`--trace`, times from the demo's start), and the
/// demo merges them, with the kills and restarts it made, into `traces/demo-LAB.jsonl` (or `--trace FILE`) and
/// its space-time diagram beside it (``TraceMerge`` links each receive to its send across processes).
struct DemoTrace: Sendable {
    let lab: String
    /// Where the merged trace goes: its folder and its name without `.jsonl`.
    let folder: String, name: String
    /// Where the nodes write theirs while the demo runs; removed once merged.
    private let nodesFolder: String
    private let origin = Date()
    private let state = Lock(State())

    private struct State {
        /// How many processes of each name were started.
        var spawned: [String: Int] = [:]
        /// The kills and restarts, as the demo saw them.
        var events: [TraceEvent] = []
        /// Each node's address, which stands for it where a message was sent before its name was known.
        var aliases: [NodeID: NodeID] = [:]
    }

    /// The trace of `lab`'s demo, to be written at `path` (`traces/demo-LAB.jsonl` when `nil`).
    init(lab: String, path: String?) {
        self.lab = lab
        (folder, name) = TraceFiles.location(of: path ?? "traces/demo-\(lab).jsonl")
        nodesFolder = "\(folder)/\(name)-nodes"
        try? FileManager.default.removeItem(atPath: nodesFolder)
        try? FileManager.default.createDirectory(atPath: nodesFolder, withIntermediateDirectories: true)
    }

    /// The options that make the process `name` trace into the demo's folder; a second process of one name
    /// (a restart) gets a file of its own.
    func arguments(for name: String) -> [String] {
        let number = state.withLock { state -> Int in
            state.spawned[name, default: 0] += 1
            return state.spawned[name]!
        }
        return ["--trace", "\(nodesFolder)/\(name)-\(number).jsonl",
                "--trace-origin", "\(Int64((origin.timeIntervalSince1970 * 1000).rounded(.down)))"]
    }

    /// Notes that the demo killed (or restarted) the node `node` now.
    func note(_ kind: TraceEvent.Kind, _ node: String) {
        let time = Duration.milliseconds(Int64((Date().timeIntervalSince(origin) * 1000).rounded()))
        state.withLock { $0.events.append(TraceEvent(time: time, kind: kind, node: NodeID(node), detail: "by the demo")) }
    }

    /// Notes that the node `node` listens at `address`.
    func note(address: String, of node: String) {
        state.withLock { $0.aliases[NodeID(address)] = NodeID(node) }
    }

    /// Merges the nodes' traces into one, writes it with its diagram, and says where and how to view it.
    func finish(_ out: DemoConsole) {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: nodesFolder)) ?? []).filter { $0.hasSuffix(".jsonl") }.sorted()
        // A node killed while it wrote a line leaves that line unfinished: the lines before it are kept.
        let traces = names.map { name -> [TraceEvent] in
            let text = (try? String(contentsOfFile: "\(nodesFolder)/\(name)", encoding: .utf8)) ?? ""
            return text.split(separator: "\n").enumerated().compactMap { try? TraceJSONL.decodeLine(String($1), lineNumber: $0 + 1) }
        }
        let (noted, aliases) = state.withLock { ($0.events, $0.aliases) }
        let events = TraceMerge.merge(traces + [noted], aliases: aliases)
        do {
            let files = try TraceFiles.write(events, to: folder, name: name, diagram: SpaceTimeDiagram(title: "labrunner demo \(lab)"))
            try? FileManager.default.removeItem(atPath: nodesFolder)
            out.say("trace of the demo: \(files.jsonl) (\(events.count) events; diagram: \(files.svg))")
            out.say("view it: \(TraceViewer.command(for: files.jsonl))")
        } catch {
            out.say("no trace of the demo: \(error)")
        }
    }
}
