import DepositKit
import Foundation
import LabKit

/// Deposit servers as processes on loopback, each with its folder and the others as peers: what
/// `labrunner demo deposit`, `labrunner bench deposit` and the live scenario run. Servers can be killed and
/// started again on their folder and port; clients are started against them.
package final class DepositCluster: Sendable {
    private struct State {
        var listening: Set<String> = []
        var connected: Set<String> = []
        /// Each stopped server's peak resident memory, when it was asked to report it.
        var peaks: [String: Int] = [:]
    }

    package let names: [String]
    package let folder: String
    /// `127.0.0.1:PORT` of each server, fixed for the cluster's life (a restart reuses it).
    package let address: [String: String]
    /// The passphrase every server is given (`--cluster-key`): 128 random bits, new for each cluster.
    private let clusterKey: String
    private let group: NodeGroup
    private let state = Lock(State())

    /// Servers `names`, each with its subfolder of `folder` (created if need be), run as `processes` with
    /// `environment` and `options` for each process started; clients run in `folder`. `onLine` receives every
    /// line each one prints, with its name.
    package init(names: [String], folder: String, processes: NodeProcesses, environment: [String: String],
                 options: @escaping @Sendable (String) -> [String] = { _ in [] }, onLine: @escaping @Sendable (String, String) -> Void) throws {
        self.names = names
        let folder = URL(fileURLWithPath: folder).standardizedFileURL.path
        self.folder = folder
        try AtomicFile.makeFolder(folder)
        var generator = SystemRandomNumberGenerator()
        clusterKey = (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }.hex
        // Clients run in the cluster's folder: what they keep by default (`.labrunner/deposit`) goes with it.
        group = NodeGroup(processes: processes, environment: environment, directory: folder, options: options, onLine: onLine)
        address = Dictionary(uniqueKeysWithValues: try names.map { ($0, "127.0.0.1:\(try FreePort.loopback())") })
    }

    /// Starts (or restarts) server `name` on its folder and port.
    package func start(_ name: String) throws {
        var arguments = ["node", "deposit", "server", "--id", name, "--listen", address[name]!, "--store", "\(folder)/\(name)",
                         "--cluster-key", clusterKey]
        for peer in names where peer != name { arguments += ["--peer", "\(peer)=\(address[peer]!)"] }
        state.withLock { state in
            state.listening.remove(name)
            state.connected.remove(name)
        }
        let everyone = "live servers: \(names.joined(separator: ", "))"
        let state = self.state
        try group.start(name, arguments) { line in
            if NodeOutputLine.address(in: line) != nil { state.withLock { _ = $0.listening.insert(name) } }
            if line.hasSuffix(everyone) { state.withLock { _ = $0.connected.insert(name) } }
            if let peak = PeakMemory.parse(line) { state.withLock { $0.peaks[name] = peak } }
        }
    }

    /// Waits until server `name` listens.
    package func waitUntilListening(_ name: String) async throws {
        try await group.waitUntilStarted(name) { state.withLock { $0.listening.contains(name) } }
    }

    /// Waits until server `name` hears every other server (placement ranks the live servers).
    package func waitUntilConnected(_ name: String) async throws {
        try await group.waitUntilStarted(name) { state.withLock { $0.connected.contains(name) } }
    }

    /// Kills server `name` at once (SIGKILL), as a crash would, and waits for it to be gone.
    package func kill(_ name: String) async { await group.kill(name) }

    /// Stops every server cleanly; returns the peak memory of those that reported it.
    package func stopAll() async -> [String: Int] {
        await group.stopAll()
        return state.withLock { $0.peaks }
    }

    /// A client process that knows `servers` (first one first), started with `arguments` after them.
    package func client(_ name: String, through servers: [String], _ arguments: [String], onLine: @escaping @Sendable (String) -> Void) throws -> ChildProcess {
        try group.start(name, ["node", "deposit", "client"] + servers.flatMap { ["--server", "\($0)=\(address[$0]!)"] } + arguments,
                        mayEnd: true, line: onLine)
    }

    /// What one client process printed (but its peak-memory line), and how it exited.
    package struct ClientRun: Sendable {
        package let lines: [String]
        /// Its exit status; -1 when it was killed for taking too long or being told to stop.
        package let status: Int32
        /// The peak memory it reported, when asked to (``PeakMemory``).
        package let peak: Int?

        /// The client id it was welcomed with (`client id UUID (…)`).
        package var id: String? { lines.first { $0.hasPrefix("client id ") }?.split(separator: " ").dropFirst(2).first.map(String.init) }
    }

    /// Runs one scripted client (`--do` commands) that knows `servers` to its end, collecting what it printed; it
    /// is killed after `limit`, or as soon as `stop` says so (it is asked every 50 ms).
    package func run(client servers: [String], _ arguments: [String], limit: Duration,
                     stop: @escaping @Sendable () -> Bool = { false }) async throws -> ClientRun {
        let lines = Lock<[String]>([]), peak = Lock<Int?>(nil)
        let child = try client("client", through: servers, arguments) { line in
            if let value = PeakMemory.parse(line) { peak.withLock { $0 = value } } else { lines.withLock { $0.append(line) } }
        }
        let status = try? await withDeadline(limit) { () async throws -> Int32 in
            while child.ending == nil, !stop() { try await Task.sleep(for: .milliseconds(50)) }
            if child.ending == nil { throw CancellationError() }
            return await child.waitForExit()
        }
        if status == nil {
            child.kill()
            _ = await child.waitForExit()
        }
        return ClientRun(lines: lines.withLock { $0 }, status: status ?? -1, peak: peak.withLock { $0 })
    }

    /// The blob a server keeps a file of `owner` (its id's text) under: ``FileRecord/blobName``, from the content's
    /// SHA-256 in hex as `SampleFile` gives it.
    package static func blob(owner: String, sha256: String) -> String { "\(ClientID(owner)?.hex ?? owner)-\(sha256)" }

    /// Whether server `name`'s folder holds the blob `blob`.
    package func holds(_ name: String, _ blob: String) -> Bool { FileManager.default.fileExists(atPath: "\(folder)/\(name)/blobs/\(blob)") }
}
