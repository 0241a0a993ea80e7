#if canImport(DepositSolution)
import DepositKit
import DepositSolution
import LabKit
import Testing

/// A deposit server whose disk is full, with the reference server: the copy it cannot keep fails, and the
/// deposit goes to another server or fails honestly, leaving nothing behind.
@Suite("Deposit on a full disk")
struct DepositDiskFullTests {
    typealias DepositSimulation = Simulation<DepositMessage, DepositEvent>

    /// Four reference servers (one, `full`, with no space left) that heard each other, and a client of `s1`
    /// depositing a 100 kB file with `replicas` copies; returns the simulation once the client reported.
    static func deposit(replicas: Int, full: NodeID, seed: UInt64) throws -> (DepositSimulation, DepositOutcome?, GeneratedFile) {
        let sim = DepositSimulation(seed: seed, faults: FaultPlan(delay: .milliseconds(1)...(.milliseconds(20))))
        let servers: [NodeID] = ["s1", "s2", "s3", "s4"]
        for name in servers { sim.add(name) { DepositServer(config: DepositServerConfig(peers: servers)) } }
        sim.blobs(of: full).capacity = 0
        try sim.run(until: .milliseconds(700))
        let client = sim.add("alice") { DepositClient(config: DepositClientConfig(servers: ["s1"])) }
        let file = GeneratedFile(seed: seed, size: 100_000)
        sim.command(.deposit(name: "report.pdf", file: .generated(file), replicas: replicas), to: client)
        _ = try sim.run(until: { sim in outcome(in: sim) != nil }, deadline: .seconds(60))
        return (sim, outcome(in: sim), file)
    }

    static func outcome(in sim: DepositSimulation) -> DepositOutcome? {
        for delivery in sim.deliveries where delivery.node == "alice" {
            if case let .finished(_, _, outcome) = delivery.output { return outcome }
        }
        return nil
    }

    @Test("k = 3 of 4 servers, one of them full: ok, with the copies on the three others and nothing on the full one",
          arguments: ["s2", "s3", "s4"] as [NodeID], 1...5 as ClosedRange<UInt64>)
    func goesElsewhere(full: NodeID, seed: UInt64) throws {
        let (sim, outcome, file) = try Self.deposit(replicas: 3, full: full, seed: seed)
        #expect(outcome == .ok, "full \(full), seed \(seed)")
        let holders = ["s1", "s2", "s3", "s4"].filter { name in sim.blobs(of: NodeID(name)).names.contains { $0.hasSuffix(file.sha256.hex) } }
        #expect(holders.count == 3 && !holders.contains(full.name), "full \(full), seed \(seed): copies on \(holders)")
        #expect(sim.blobs(of: full).names.isEmpty)
    }

    @Test("k = 4 of 4 servers, one of them full: failed, and no server keeps the file's record",
          arguments: ["s2", "s3", "s4"] as [NodeID], 1...3 as ClosedRange<UInt64>)
    func failsHonestly(full: NodeID, seed: UInt64) throws {
        let (sim, outcome, _) = try Self.deposit(replicas: 4, full: full, seed: seed)
        guard case .failed? = outcome else {
            Issue.record("full \(full), seed \(seed): expected failed, got \(outcome.map { "\($0)" } ?? "nothing")")
            return
        }
        for name in ["s1", "s2", "s3", "s4"] {
            #expect(DepositCatalog(storage: sim.storage(of: NodeID(name))).records.isEmpty, "\(name) keeps a record of a failed deposit")
        }
    }
}
#endif
