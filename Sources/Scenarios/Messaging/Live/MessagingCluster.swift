import Foundation
import LabKit
import MessagingKit

/// The whole messaging system as processes on loopback — processors `p1`…, stores `s1`…, Bob and Alice, each
/// server with its folder and fixed port — and what they printed, as it came: what `labrunner demo messaging`,
/// `labrunner bench messaging` and the live scenario run. Servers can be killed and started again on their
/// folder and port; Bob is typed into, stores are asked for their digest.
package final class MessagingCluster: Sendable {
    /// What the processes printed, as far as a program cares, with when.
    package struct Observed: Sendable {
        /// Each processor's elections (`leader of term N`), in the order printed.
        package var elections: [(processor: String, term: UInt64, at: ContinuousClock.Instant)] = []
        /// How many lines were typed into Bob: the number of the last one (Bob numbers them from 1).
        package var typed: UInt64 = 0
        /// When Bob said each message stored, or not sent.
        package var stored: [UInt64: ContinuousClock.Instant] = [:]
        package var notSent: [UInt64] = []
        /// What Alice showed, in the order shown: the index and text, or `nil` for an unreadable entry.
        package var received: [(index: Int, text: String?, at: ContinuousClock.Instant)] = []
        /// Each store's last printed log digest.
        package var digests: [String: (hex: String, entries: Int)] = [:]
        /// The first unfinished exercise any process named (a skeleton's run fails as "not implemented").
        package var missing: NotImplemented?
        fileprivate var listening: Set<String> = []
    }

    package let processors: [String]
    package let stores: [String]
    package let folder: String
    /// `127.0.0.1:PORT` of each server, fixed for the cluster's life (a restart reuses it).
    package let address: [String: String]
    /// The passphrase each service's servers are given (`--cluster-key`): 128 random bits, new for each cluster.
    private let clusterKey: [String: String]
    private let group: NodeGroup
    private let observed = Lock(Observed())

    /// `processors` and `stores` servers (`p1`… and `s1`…) in subfolders of `folder`, Alice's `key` in
    /// `folder/alice.pem`, run as `processes` with `environment` and `options`; `onLine` sees every line printed.
    package init(processors: Int = 3, stores: Int = 3, folder: String, key: RSAPrivateKey, processes: NodeProcesses, environment: [String: String],
                 options: @escaping @Sendable (String) -> [String] = { _ in [] }, onLine: @escaping @Sendable (String, String) -> Void = { _, _ in }) throws {
        self.processors = (1...processors).map { "p\($0)" }
        self.stores = (1...stores).map { "s\($0)" }
        self.folder = folder
        var generator = SystemRandomNumberGenerator()
        clusterKey = Dictionary(uniqueKeysWithValues: ["processing", "persistence"].map { service in
            (service, (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }.hex)
        })
        group = NodeGroup(processes: processes, environment: environment, options: options, onLine: onLine)
        address = Dictionary(uniqueKeysWithValues: try (self.processors + self.stores).map { ($0, "127.0.0.1:\(try FreePort.loopback())") })
        try AtomicFile.makeFolder(folder)
        try AtomicFile.write(Array(key.pkcs8PEM.utf8), to: keyFile, permissions: 0o600)
    }

    /// Where Alice's private key is, as the processors read it.
    package var keyFile: String { "\(folder)/alice.pem" }

    /// The leader now, as far as the processors said: the latest elected, else the highest (it leads term 1).
    package var leader: String {
        observed.withLock { $0.elections.max { $0.term < $1.term }?.processor } ?? processors.last!
    }

    /// Reads what the processes printed so far.
    package func read<Value>(_ body: (Observed) -> Value) -> Value { observed.withLock { body($0) } }

    /// Starts (or restarts) `name`: a processor or store on its folder and port, or `bob` or `alice`, who know them all.
    package func start(_ name: String) throws {
        var arguments: [String]
        if let service = service(of: name) {
            let peers = service == "processing" ? processors : stores
            arguments = ["node", "messaging", service == "processing" ? "processor" : "store", "--id", name, "--listen", address[name]!,
                         "--store", "\(folder)/\(name)", "--cluster-key", clusterKey[service]!]
            arguments += peers.flatMap { ["--peer", "\($0)=\(address[$0]!)"] }
            if service == "processing" { arguments += ["--key", keyFile] }
        } else {
            arguments = ["node", "messaging", name] + processors.flatMap { ["--processor", "\($0)=\(address[$0]!)"] }
                + stores.flatMap { ["--store", "\($0)=\(address[$0]!)"] }
        }
        observed.withLock { _ = $0.listening.remove(name) }
        try group.start(name, arguments) { [self] line in note(line, from: name) }
    }

    /// Waits until `name` listens (at most ``NodeGroup/startLimit``).
    package func waitUntilListening(_ name: String) async throws {
        try await group.waitUntilStarted(name) { try checkFinished(); return observed.withLock { $0.listening.contains(name) } }
    }

    /// Types `line` into `name`'s prompt: a message for Bob, `digest` for a store.
    package func type(_ line: String, into name: String) {
        if name == "bob" { observed.withLock { $0.typed += 1 } }
        group.child(name)?.send(line)
    }

    /// A leader's death as a user sees it: who died, who was elected how soon, and how soon a line typed
    /// into Bob at that moment was stored.
    package struct Failover: Sendable {
        package let killed: String
        /// The processor elected next, its term, and how long after the kill it said so.
        package let elected: (processor: String, term: UInt64, after: Duration)?
        /// From the kill until Bob said the line stored.
        package let stored: Duration?
    }

    /// Kills the leader (SIGKILL), types `line` into Bob at once, and waits until it is stored and a new leader
    /// said so, at most `limit`.
    package func failover(typing line: String, within limit: Duration) async throws -> Failover {
        let killed = leader
        let term = observed.withLock { $0.elections.map(\.term).max() ?? 1 }
        await kill(killed)
        let at = ContinuousClock.now
        type(line, into: "bob")
        let number = observed.withLock { $0.typed }
        _ = try await wait(within: limit) { seen in seen.stored[number] != nil && seen.elections.contains { $0.term > term } }
        return observed.withLock { seen in
            let next = seen.elections.first { $0.term > term }
            return Failover(killed: killed, elected: next.map { ($0.processor, $0.term, $0.at - at) }, stored: seen.stored[number].map { $0 - at })
        }
    }

    /// Kills `name` at once (SIGKILL), as a crash would, and waits until it is gone.
    package func kill(_ name: String) async { await group.kill(name) }

    /// Stops every process cleanly (SIGTERM: each writes its trace) and waits for them.
    package func stopAll() async { await group.stopAll() }

    /// Waits until `condition` holds of what was printed, checking every 20 ms, at most `limit`; `false` when it
    /// did not. Throws as soon as a process names an unfinished exercise, or a process this cluster did not stop ends.
    package func wait(within limit: Duration, until condition: (Observed) -> Bool) async throws -> Bool {
        try await group.wait(within: limit) { try checkFinished(); return observed.withLock { condition($0) } }
    }

    /// Asks every store for its log digest and waits until all print the same one, of `entries` entries, at most
    /// `limit`; returns the digests last printed.
    package func digests(equal entries: Int, within limit: Duration) async throws -> [String: (hex: String, entries: Int)] {
        let stores = self.stores
        observed.withLock { $0.digests = [:] }
        let deadline = ContinuousClock.now + limit
        repeat {
            for store in stores { type("digest", into: store) }
            let agreed = try await wait(within: .milliseconds(300)) { seen in
                let printed = stores.compactMap { seen.digests[$0] }
                return printed.count == stores.count && Set(printed.map(\.hex)).count == 1 && printed[0].entries == entries
            }
            if agreed { break }
        } while ContinuousClock.now < deadline
        return observed.withLock { $0.digests }
    }

    /// Store `name`'s log as its folder holds it (read after it stopped: what survives it).
    package func log(of name: String) throws -> StoreLog {
        StoreLog(storage: try DiskStore(folder: "\(folder)/\(name)").load())
    }

    /// Every byte store `name` wrote to its folder, file by file.
    package func heldFiles(of name: String) -> [[UInt8]] {
        let root = "\(folder)/\(name)"
        let paths = FileManager.default.enumerator(atPath: root)?.compactMap { $0 as? String } ?? []
        return paths.compactMap { FileManager.default.contents(atPath: "\(root)/\($0)").map { [UInt8]($0) } }
    }

    /// The last lines `name` printed, for a failure's message.
    package func lastLines(of name: String) -> [String] { group.lastLines(of: name) }

    /// Fails if a process named an unfinished exercise.
    private func checkFinished() throws {
        if let missing = observed.withLock({ $0.missing }) { throw ScenarioFailure(.notImplemented(exercise: missing.exercise)) }
    }

    private func service(of name: String) -> String? {
        processors.contains(name) ? "processing" : stores.contains(name) ? "persistence" : nil
    }

    private func note(_ line: String, from name: String) {
        let now = ContinuousClock.now
        observed.withLock { seen in
            if seen.missing == nil { seen.missing = NotImplemented(foundIn: line) }
            if NodeOutputLine.address(in: line) != nil { seen.listening.insert(name) }
            switch name {
            case "bob":
                if let (number, stored) = NodeOutputLine.bobsMessage(in: line) {
                    if stored { seen.stored[number] = now } else { seen.notSent.append(number) }
                }
            case "alice":
                if let (index, text) = NodeOutputLine.alicesMessage(in: line) { seen.received.append((index, text, now)) }
            default:
                if let term = NodeOutputLine.electedTerm(in: line) { seen.elections.append((name, term, now)) }
                if let digest = NodeOutputLine.logDigest(in: line) { seen.digests[name] = digest }
            }
        }
    }
}
