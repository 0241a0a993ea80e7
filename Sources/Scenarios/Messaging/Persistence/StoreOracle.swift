import MessagingKit

/// Runs a persistence simulation and checks, after every event, that no two stores are inside the critical
/// section; afterwards, what the clients were told against what every store holds.
final class StoreOracle<Store: PersistenceStoreNode> {
    typealias StoreSimulation = Simulation<MessagingMessage, MessagingEvent>

    let sim: StoreSimulation
    let stores: [NodeHandle<Store>]
    init(_ sim: StoreSimulation, stores: [NodeHandle<Store>]) {
        self.sim = sim
        self.stores = stores
    }

    /// Runs until `done` or `deadline`, checking mutual exclusion after every event; returns whether `done` held.
    @discardableResult
    func run(until done: (StoreSimulation) -> Bool = { _ in false }, deadline: Duration) throws(ScenarioFailure) -> Bool {
        try sim.grade(until: done, deadline: deadline, checking: check)
    }

    /// Every check, after one event: at most one store inside the critical section.
    func check() throws(ScenarioFailure) {
        let inside = stores.filter { sim.state(of: $0)?.inCriticalSection == true }.map(\.id.name)
        try expect(inside.count <= 1, "at most one store inside the critical section after every event",
                   observed: "\(inside.joined(separator: " and ")) inside at once at \(sim.now)", trace: sim.trace)
    }

    /// The logs of the stores that are up.
    func logs() -> [(NodeID, StoreLog)] { stores.compactMap { handle in sim.state(of: handle).map { (handle.id, $0.log) } } }

    /// How many answers (appended or refused) `client` was given.
    func answers(_ client: NodeID) -> [PersistenceEvent] {
        sim.deliveries.compactMap { delivery in
            guard delivery.node == client, case let .persistence(event) = delivery.output else { return nil }
            return event
        }
    }

    /// Every store up holds the same log, in which each of `sent` (client, the ciphertexts it appended in
    /// order to `mailbox`) appears once, in the client's order.
    func checkConverged(_ sent: [(client: UInt64, mailbox: String, bytes: [[UInt8]])], since calm: Duration) throws(ScenarioFailure) {
        let logs = logs()
        guard let (first, reference) = logs.first else { return }
        for (name, log) in logs where log.entries != reference.entries {
            throw ScenarioFailure(.wrong(expected: "every store to hold the same log once the faults stopped (at \(calm)) and the appends were answered",
                                         observed: "\(first) holds \(reference.count) entries, \(name) holds \(log.count)\(Self.firstDifference(reference, log))"),
                                  trace: sim.trace)
        }
        for (client, mailbox, bytes) in sent {
            let held = reference.entries.filter { $0.client == client && $0.mailbox == mailbox }.map(\.bytes)
            try expect(held == bytes, "client \(client)'s \(bytes.count) append(s) to \(mailbox) each held once, in the order sent",
                       observed: "\(held.count) held\(held.count == bytes.count ? ", in another order" : "")", trace: sim.trace)
        }
    }

    private static func firstDifference(_ a: StoreLog, _ b: StoreLog) -> String {
        guard let index = zip(a.entries, b.entries).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset else { return "" }
        return "; position \(index) differs: \(a.entries[index]) vs \(b.entries[index])"
    }
}
