import DepositKit

extension DepositScenarios {
    typealias DepositSimulation = Simulation<DepositMessage, DepositEvent>

    /// The servers `s1`…`sN`.
    static func serverNames(_ count: Int) -> [NodeID] { (1...count).map { NodeID("s\($0)") } }

    /// Adds `count` servers of type `Server` that know each other (and `probes`, grader-owned peers), with
    /// repair on or off; returns their names.
    @discardableResult
    static func addServers<Server: DepositServerNode>(_: Server.Type, to sim: DepositSimulation, count: Int, repairs: Bool,
                                                      probes: [NodeID] = []) -> [NodeID] {
        let names = serverNames(count)
        let config = DepositServerConfig(peers: names + probes, leftoverGrace: .seconds(2), repairs: repairs)
        for name in names { sim.add(name) { Server(config: config) } }
        return names
    }

    /// Four servers of type `Server` without repair, up to 10 % loss and 10 % copies, that have heard each other.
    static func fourServers<Server: DepositServerNode>(_ server: Server.Type, seed: UInt64, _ random: inout SeededRandom)
        throws(ScenarioFailure) -> (DepositSimulation, [NodeID], DepositOracle) {
        let sim = DepositSimulation(seed: seed, faults: FaultPlan(dropRate: Double.random(in: 0...0.1, using: &random), duplicateRate: 0.1,
                                                                  delay: .milliseconds(1)...(.milliseconds(30))))
        let servers = addServers(server, to: sim, count: 4, repairs: false)
        let oracle = DepositOracle(sim, servers: servers)
        try oracle.run(until: .milliseconds(300))
        return (sim, servers, oracle)
    }

    /// Adds a client that tries `servers` in that order, reconnecting with `id` when given.
    @discardableResult
    static func addClient(_ name: NodeID, to sim: DepositSimulation, servers: [NodeID], id: ClientID? = nil) -> NodeHandle<DepositClient> {
        sim.add(name) { DepositClient(config: DepositClientConfig(servers: servers, id: id)) }
    }

    /// A small generated file: 0 to `maximum` bytes, a few 64 KiB pieces at most.
    static func smallFile(_ random: inout SeededRandom, maximum: UInt64 = 200_000) -> GeneratedFile {
        let size = Int.random(in: 0..<10, using: &random) == 0 ? 0 : UInt64.random(in: 1...maximum, using: &random)
        return GeneratedFile(seed: UInt64.random(in: 0...UInt64.max, using: &random), size: size)
    }

    /// What `client` reported, in order.
    static func events(of client: NodeID, in sim: DepositSimulation) -> [DepositEvent] {
        sim.deliveries.filter { $0.node == client }.map(\.output)
    }

    /// The id `client` was welcomed with, if it was.
    static func welcomedID(of client: NodeID, in sim: DepositSimulation) -> ClientID? {
        for event in events(of: client, in: sim) { if case let .welcome(id) = event { return id } }
        return nil
    }

    /// The outcomes `client` reported, by request, in order.
    static func outcomes(of client: NodeID, in sim: DepositSimulation) -> [(command: DepositCommand, outcome: DepositOutcome)] {
        events(of: client, in: sim).compactMap { event in
            guard case let .finished(_, command, outcome) = event else { return nil }
            return (command, outcome)
        }
    }

    /// Whether `client` reported an outcome for each of `count` commands (or was refused its id).
    static func finished(_ client: NodeID, _ count: Int, in sim: DepositSimulation) -> Bool {
        outcomes(of: client, in: sim).count >= count
    }

    /// The messages `node` received, in order.
    static func received(by node: NodeID, in sim: DepositSimulation) -> [MessageRecord<DepositMessage>] {
        sim.messages.filter { $0.event == .received && $0.to == node }
    }

    /// The record `server` keeps durably for `owner`'s file `name`, read from its storage.
    static func durableRecord(at server: NodeID, owner: ClientID, name: String, in sim: DepositSimulation) -> FileRecord? {
        DepositCatalog(storage: sim.storage(of: server)).record(owner: owner, name: name)
    }

    /// The servers whose blob store holds `blob`, up or down.
    static func holders(of blob: String, among servers: [NodeID], in sim: DepositSimulation) -> [NodeID] {
        servers.filter { sim.blobs(of: $0).size(of: blob) != nil }
    }

    /// `Server`'s placement order of `servers` for `owner`'s file `name` (exercise 2.1), its failure a scenario's.
    static func rank<Server: DepositServerNode>(_: Server.Type, owner: ClientID, name: String, among servers: [NodeID]) throws(ScenarioFailure) -> [NodeID] {
        do { return try Server.rank(owner: owner, name: name, among: servers) } catch let missing as NotImplemented {
            throw ScenarioFailure(.notImplemented(exercise: missing.exercise))
        } catch {
            throw ScenarioFailure(.wrong(expected: "rank over \(servers.map(\.name)) to give an order", observed: "it threw \(error)"))
        }
    }

    /// `bytes` in a failure message: `12.3 KB`.
    static func show(bytes: UInt64) -> String { bytes < 1_000 ? "\(bytes) B" : "\((Double(bytes) / 100).rounded() / 10) KB" }
}
