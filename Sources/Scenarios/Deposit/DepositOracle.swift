import DepositKit

/// Checks the deposit lab's invariants after every simulated event, and what the clients were told:
/// - at each **ok**, k distinct servers hold the file's blob and k keep its record durably;
/// - an acknowledged file stays readable (an up server holds it, or a newer acknowledged version) while
///   fewer than k servers are down;
/// - a **failed** deposit's content never becomes the file's record anywhere;
/// - no blob named after a SHA-256 holds other bytes;
/// - no client is shown a file of another.
final class DepositOracle {
    /// What the oracle knows of an acknowledged file.
    struct Acknowledged {
        var blob: String
        var sha256: [UInt8]
        var size: UInt64
        var replicas: Int
        var version: UInt64
        let since: Duration
    }

    let sim: DepositScenarios.DepositSimulation
    let servers: [NodeID]
    /// The ids the clients were welcomed with.
    private(set) var idOf: [NodeID: ClientID] = [:]
    /// Each acknowledged file, at its latest acknowledged content and count.
    private(set) var acknowledged: [FileKey: Acknowledged] = [:]
    private var failed: [(key: FileKey, sha256: [UInt8], client: NodeID, time: Duration)] = []
    private var seenDeliveries = 0
    private var verified: [NodeID: Set<String>] = [:]
    private var changes: [NodeID: Int] = [:]
    private var witness: [FileKey: NodeID] = [:]
    private var upServers: [NodeID] = []
    private var hashes: [DepositContent: [UInt8]] = [:]

    init(_ sim: DepositScenarios.DepositSimulation, servers: [NodeID]) {
        self.sim = sim
        self.servers = servers
    }

    /// Runs the simulation until `done` or `deadline`, checking every invariant after every event.
    @discardableResult
    func run(until done: (DepositScenarios.DepositSimulation) -> Bool, deadline: Duration) throws(ScenarioFailure) -> Bool {
        try sim.grade(until: done, deadline: deadline, checking: check)
    }

    /// Runs until `deadline`, checking every invariant after every event.
    func run(until deadline: Duration) throws(ScenarioFailure) {
        try run(until: { _ in false }, deadline: deadline)
    }

    /// The SHA-256 of a generated file, computed once.
    func sha256(of file: GeneratedFile) -> [UInt8] { sha256(of: .generated(file)) }

    /// The SHA-256 of a deposit's content, computed once.
    func sha256(of file: DepositContent) -> [UInt8] {
        if let hash = hashes[file] { return hash }
        let hash = file.sha256
        hashes[file] = hash
        return hash
    }

    /// Every check, after one event.
    func check() throws(ScenarioFailure) {
        try readDeliveries()
        let up = servers.filter { sim.isUp($0) }
        var blobsChanged = up != upServers
        upServers = up
        for server in servers {
            let store = sim.blobs(of: server), count = store.changes
            guard count != changes[server, default: 0] else { continue }
            changes[server] = count
            blobsChanged = true
            try verifyBlobs(at: server, store)
        }
        if blobsChanged { witness = [:] }
        try checkReadable()
        try checkFailedNeverAppear()
    }

    // MARK: What the clients were told

    private func readDeliveries() throws(ScenarioFailure) {
        let deliveries = sim.deliveries
        while seenDeliveries < deliveries.count {
            let delivery = deliveries[seenDeliveries]
            seenDeliveries += 1
            switch delivery.output {
            case let .welcome(id): idOf[delivery.node] = id
            case let .finished(_, command, outcome):
                guard let owner = idOf[delivery.node] else { continue }
                try note(command, outcome, client: delivery.node, owner: owner, at: delivery.time)
            case .unknownID, .resuming: continue
            }
        }
    }

    private func note(_ command: DepositCommand, _ outcome: DepositOutcome, client: NodeID, owner: ClientID, at moment: Duration) throws(ScenarioFailure) {
        let when = time(moment)
        switch (command, outcome) {
        case let (.deposit(name, file, replicas), .ok):
            let sha = sha256(of: file)
            try acknowledge(FileKey(owner: owner, name: name), sha256: sha, size: file.size, replicas: replicas,
                            what: "\(client)'s deposit of '\(name)' with k = \(replicas), ok at \(when)", at: moment)
        case let (.replicas(name, replicas), .ok):
            let key = FileKey(owner: owner, name: name)
            guard let sha = acknowledged[key]?.sha256 ?? durableRecords(of: key).first(where: { $0.replicas == replicas })?.sha256 else {
                throw failure("\(client)'s change of '\(name)' to k = \(replicas), ok at \(when), to be kept by some server",
                              observed: "no server keeps a record of '\(name)' with k = \(replicas)")
            }
            let size = durableRecords(of: key).first { $0.sha256 == sha }?.size ?? 0
            try acknowledge(key, sha256: sha, size: size, replicas: replicas,
                            what: "\(client)'s change of '\(name)' to k = \(replicas), ok at \(when)", at: moment)
        case let (.deposit(name, file, _), .failed):
            let key = FileKey(owner: owner, name: name), sha = sha256(of: file)
            if acknowledged[key]?.sha256 != sha, !durableRecords(of: key).contains(where: { $0.sha256 == sha }) {
                failed.append((key, sha, client, moment))
            } else if acknowledged[key]?.sha256 != sha {
                throw failure("\(client)'s deposit of '\(name)', failed at \(when), to have kept nothing",
                              observed: "a server keeps its content as the record of '\(name)'")
            }
        case let (.deposit(name, file, _), _):
            let sha = sha256(of: file)
            failed.removeAll { $0.key == FileKey(owner: owner, name: name) && $0.sha256 == sha }
        case let (_, .listed(files)):
            for file in files where file.record.owner != owner {
                throw failure("\(client)'s list, at \(when), to show only its own files",
                              observed: "it shows '\(file.record.name)' of client \(file.record.owner)")
            }
        case let (.recover(name), .recovered(record)):
            try expect(record.owner == owner && record.name == name, "\(client)'s recovery of '\(name)' at \(when) to give its own file",
                       observed: "it gave \(record) of client \(record.owner)", trace: sim.trace)
        default: return
        }
    }

    /// At an **ok**: k distinct servers hold the blob and k keep the record (or a newer one) durably.
    private func acknowledge(_ key: FileKey, sha256: [UInt8], size: UInt64, replicas: Int, what: String, at moment: Duration) throws(ScenarioFailure) {
        let blob = FileRecord.blobName(owner: key.owner, sha256: sha256)
        let holders = DepositScenarios.holders(of: blob, among: servers, in: sim)
        try expect(holders.count >= replicas, "\(what): \(replicas) distinct servers holding a verified copy",
                   observed: holders.isEmpty ? "no server holds one" : "only \(holders.map(\.name).joined(separator: ", ")) hold one", trace: sim.trace)
        let records = servers.map { ($0, durableRecord(of: key, at: $0)) }
        let matching = records.filter { $0.1?.sha256 == sha256 && $0.1?.replicas == replicas }
        guard let version = matching.compactMap(\.1?.version).max() else {
            throw failure("\(what): its record kept durably by \(replicas) servers", observed: "no server keeps it")
        }
        let keeping = records.filter { $0.1.map { $0.version >= version } ?? false }.map(\.0)
        try expect(keeping.count >= replicas, "\(what): its record kept durably by \(replicas) servers",
                   observed: "only \(keeping.map(\.name).joined(separator: ", ")) keep it", trace: sim.trace)
        acknowledged[key] = Acknowledged(blob: blob, sha256: sha256, size: size, replicas: replicas, version: version, since: moment)
        witness[key] = nil
    }

    // MARK: Invariants

    /// Every blob named after a SHA-256 (`…-<64 hex digits>`) holds bytes with that hash.
    private func verifyBlobs(at server: NodeID, _ store: MemoryBlobStore) throws(ScenarioFailure) {
        let names = Set(store.names)
        var known = verified[server, default: []].intersection(names)
        for name in names.subtracting(known) {
            known.insert(name)
            let parts = name.split(separator: "-")
            guard let claimed = parts.last, claimed.count == 64, parts.count >= 2 else { continue }
            let size = store.size(of: name) ?? 0
            let bytes = (try? store.read(name, at: 0, count: Int(size))) ?? []
            let actual = SHA256.hash(bytes).hex
            try expect(actual == String(claimed), "every blob \(server) keeps to hold the bytes its name's SHA-256 names",
                       observed: "at \(time(sim.now)) its blob …\(claimed.prefix(12))… holds \(size) bytes hashing to \(actual.prefix(12))…",
                       trace: sim.trace)
        }
        verified[server] = known
    }

    /// While fewer than k servers are down, an up server holds each acknowledged file (or a newer version of it).
    private func checkReadable() throws(ScenarioFailure) {
        let down = servers.count - upServers.count
        for (key, file) in acknowledged where down < file.replicas {
            if let server = witness[key], sim.isUp(server) { continue }
            if let server = upServers.first(where: { sim.blobs(of: $0).size(of: file.blob) != nil }) {
                witness[key] = server
                continue
            }
            let newer = durableRecords(of: key).filter { $0.version > file.version && $0.sha256 != file.sha256 }
            if let server = upServers.first(where: { server in newer.contains { sim.blobs(of: server).size(of: $0.blobName) != nil } }) {
                witness[key] = server
                continue
            }
            throw failure("'\(key.name)', acknowledged at \(time(file.since)) with k = \(file.replicas), to stay readable while only \(down) server(s) are down",
                          observed: "at \(time(sim.now)) no running server holds its bytes (running: \(upServers.map(\.name).joined(separator: ", ")))")
        }
    }

    /// No server ever keeps the content of a failed deposit as the file's record.
    private func checkFailedNeverAppear() throws(ScenarioFailure) {
        for entry in failed {
            for server in servers where durableRecord(of: entry.key, at: server)?.sha256 == entry.sha256 {
                throw failure("\(entry.client)'s deposit of '\(entry.key.name)', failed at \(time(entry.time)), never to become the file",
                              observed: "at \(time(sim.now)) \(server) keeps it as the record of '\(entry.key.name)'")
            }
        }
    }

    // MARK: Reading the servers

    func durableRecord(of key: FileKey, at server: NodeID) -> FileRecord? {
        sim.storage(of: server)[DepositCatalog.storageKey(of: key)].flatMap { try? FileRecord.decode($0) }
    }

    /// The records of `key` the servers keep durably, newest first.
    func durableRecords(of key: FileKey) -> [FileRecord] {
        servers.compactMap { durableRecord(of: key, at: $0) }.sorted { $0.supersedes($1) }
    }

    /// Every file some server keeps a record of, at its newest record.
    func currentRecords() -> [FileRecord] {
        var newest: [FileKey: FileRecord] = [:]
        for server in servers {
            for record in DepositCatalog(storage: sim.storage(of: server)).records.values {
                if let held = newest[record.key], !record.supersedes(held) { continue }
                newest[record.key] = record
            }
        }
        return newest.keys.sorted().map { newest[$0]! }
    }

    /// The current files whose copy count differs from k, as a failure message shows them; `nil` when none.
    func copyCountProblems() -> String? {
        let problems = currentRecords().compactMap { record -> String? in
            let holders = DepositScenarios.holders(of: record.blobName, among: servers, in: sim)
            return holders.count == record.replicas ? nil
                : "'\(record.name)' (k = \(record.replicas)) on \(holders.isEmpty ? "no server" : holders.map(\.name).joined(separator: ", "))"
        }
        return problems.isEmpty ? nil : problems.joined(separator: "; ")
    }

    func failure(_ expected: String, observed: String) -> ScenarioFailure {
        ScenarioFailure(.wrong(expected: expected, observed: observed), trace: sim.trace)
    }
}
