import Foundation
import LabKit

/// Counts the copies of each file in the deposit servers' folders — the truth on disk, not what a server
/// believes — and says the counts whenever they change, while a demo kills and restarts servers.
final class CopyWatch: Sendable {
    private struct State {
        var up: Set<String>
        var replicas: [String: Int]
        var counts: [String: Int] = [:]
    }

    /// Each file's blob name (owner and SHA-256), in the order they are shown.
    private let blobs: [(file: String, blob: String)]
    private let folder: String
    private let state: Lock<State>
    private let say: @Sendable (String) -> Void

    init(folder: String, servers: [String], blobs: [(file: String, blob: String)], replicas: [String: Int], say: @escaping @Sendable (String) -> Void) {
        self.folder = folder
        self.blobs = blobs
        self.say = say
        state = Lock(State(up: Set(servers), replicas: replicas))
    }

    /// `server` is down (its folder's copies do not count) or up again.
    func set(_ server: String, up: Bool) {
        state.withLock { if up { $0.up.insert(server) } else { $0.up.remove(server) } }
    }

    /// The file should have `replicas` copies from now on.
    func expect(_ file: String, replicas: Int) { state.withLock { $0.replicas[file] = replicas } }

    /// How many live servers held `file` at the last poll.
    func count(of file: String) -> Int { state.withLock { $0.counts[file] ?? 0 } }

    /// Whether every file has exactly its k copies on the servers that are up.
    var atK: Bool { state.withLock { state in blobs.allSatisfy { state.counts[$0.file] == state.replicas[$0.file] } } }

    /// Counts again, saying the counts when they changed.
    func poll() {
        let up = state.withLock { $0.up }
        var counts: [String: Int] = [:]
        for (file, blob) in blobs {
            counts[file] = up.filter { FileManager.default.fileExists(atPath: "\(folder)/\($0)/blobs/\(blob)") }.count
        }
        let line = state.withLock { state -> String? in
            guard counts != state.counts else { return nil }
            state.counts = counts
            return blobs.map { "\($0.file) \(counts[$0.file]!)/\(state.replicas[$0.file] ?? 0)" }.joined(separator: " · ")
        }
        if let line { say("  copies on the live servers' disks: \(line)") }
    }

    /// Polls every 100 ms until every file is at k (true) or `limit` passed (false).
    func waitUntilAtK(within limit: Duration) async -> Bool {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            poll()
            if atK { return true }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return false
    }
}
