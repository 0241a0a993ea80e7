import LabKit
import Testing

@Suite struct NodeIDTests {
    @Test("node ids round-trip through the codec and sort by name")
    func roundTrip() throws {
        let ids: [NodeID] = ["server", "client-2", "client-10", ""]
        for id in ids { #expect(try NodeID.decode(id.encoded()) == id) }
        #expect(ids.sorted().map(\.name) == ["", "client-10", "client-2", "server"])
    }
}
