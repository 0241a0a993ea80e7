import LabKit
import Testing

/// The simulated network carries what a real one does: each message goes through its own encoder and decoder,
/// so a message that the receiver's decoder refuses (an array past its bound) is lost there as it would be on a
/// socket, and the trace says why.
@Suite("Simulation: what the wire carries")
struct SimulationWireTests {
    /// A list its decoder takes only up to three elements long.
    struct ShortList: WireCodable, Sendable, Equatable {
        var values: [UInt64]
        func encode(to writer: inout WireWriter) { writer.write(values) }
        init(_ values: [UInt64]) { self.values = values }
        init(from reader: inout WireReader) throws(WireError) { values = try reader.readArray(maxCount: 3, field: "values") }
    }

    /// Sends each list it is told to, and keeps what reaches it.
    struct Relay: NodeLogic {
        typealias Message = ShortList
        typealias Command = [ShortList]
        private(set) var received: [ShortList] = []

        mutating func receive(_ message: ShortList, from sender: NodeID, _ ctx: inout NodeContext<ShortList, Never>) {
            received.append(message)
        }

        mutating func command(_ lists: [ShortList], _ ctx: inout NodeContext<ShortList, Never>) {
            for list in lists { ctx.send(list, to: "b") }
        }
    }

    @Test("a message its decoder refuses is lost, counted and explained in the trace; the others arrive as decoded")
    func undecodableIsLost() throws {
        let sim = Simulation<ShortList, Never>(seed: 3, faults: FaultPlan(delay: .milliseconds(1)...(.milliseconds(1))))
        let a = sim.add("a") { Relay() }
        let b = sim.add("b") { Relay() }
        sim.command([ShortList([1, 2, 3]), ShortList([1, 2, 3, 4]), ShortList([])], to: a)
        try sim.run(until: .seconds(1))
        #expect(try #require(sim.state(of: b)).received == [ShortList([1, 2, 3]), ShortList([])])
        #expect(sim.stats.sent == 3 && sim.stats.undecodable == 1 && sim.stats.dropped == 1 && sim.stats.delivered == 2)
        let drop = try #require(sim.trace.first { $0.kind == .drop })
        #expect(drop.node == "a" && drop.peer == "b" && drop.detail.hasPrefix("the receiver cannot decode it: ") && drop.detail.contains("values"),
                "\(drop.detail)")
    }
}
