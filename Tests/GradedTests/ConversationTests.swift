#if canImport(MessagingSolution)
import LabKit
import MessagingKit
import MessagingSolution
import Scenarios
import Testing

/// Bob and Alice (given code) through the reference processors and stores.
@Suite("Bob and Alice")
struct ConversationTests {
    @Test("with loss and copies, Alice shows every line Bob typed once, in order, and the stores hold no plaintext", arguments: [1, 2, 3] as [UInt64])
    func endToEnd(seed: UInt64) throws {
        let sim = Simulation<MessagingMessage, MessagingEvent>(seed: seed, faults: FaultPlan(dropRate: 0.1, duplicateRate: 0.1, delay: .milliseconds(1)...(.milliseconds(20))))
        let key = try RSAPrivateKey(pem: TestKeys.rsa1024)
        let processors = (1...3).map { NodeID("p\($0)") }, stores = (1...3).map { NodeID("s\($0)") }
        for name in processors { _ = sim.add(name) { Processor(config: ProcessingConfig(replicas: processors, key: key)) } }
        for name in stores { _ = sim.add(name) { PersistenceStore(config: StoreConfig(stores: stores)) } }
        let config = UserConfig(processors: processors, stores: stores)
        let bob = sim.add("bob") { Bob(config: config) }
        _ = sim.add("alice") { Alice(config: config) }
        let lines = (1...20).map { Array("message \($0)".utf8) }
        for (index, line) in lines.enumerated() { sim.schedule(at: .milliseconds(500 + 50 * index)) { $0.command(line, to: bob) } }
        try sim.run(until: .seconds(30))
        let shown = sim.deliveries.compactMap { delivery -> [UInt8]? in
            guard delivery.node == "alice", case let .conversation(.received(_, plaintext)) = delivery.output else { return nil }
            return plaintext
        }
        #expect(shown == lines)
        for store in stores {
            for value in sim.storage(of: store).values {
                for line in lines { #expect(!value.contains(line), "\(store) holds a plaintext") }
            }
        }
    }
}

private extension Array where Element == UInt8 {
    func contains(_ part: [UInt8]) -> Bool {
        guard part.count <= count else { return false }
        return (0...(count - part.count)).contains { Array(self[$0..<($0 + part.count)]) == part }
    }
}
#endif
