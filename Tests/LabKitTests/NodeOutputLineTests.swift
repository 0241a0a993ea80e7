import LabKit
import Testing
import ZapsZapKit

/// The lines of a node process that the demos and live scenarios read back.
@Suite struct NodeOutputLineTests {
    @Test("a listening line gives back its address, over udp and tcp; other lines give nothing")
    func address() throws {
        let address = try SocketAddress.parse("127.0.0.1:4000")
        for transport in Transport.allCases {
            let line = NodeOutputLine.listening("zapszap member 'alice' in group g", transport: transport, address: address)
            #expect(NodeOutputLine.address(in: line) == "127.0.0.1:4000")
        }
        #expect(NodeOutputLine.address(in: "[12:00:00] bob: I am listening on it") == nil)
    }

    @Test("a history digest line round-trips, one message or many; other lines give nothing")
    func historyDigest() {
        let digest = NodeOutputLine.HistoryDigest(hex: "9f86d081884c7d65", count: 12)
        #expect(NodeOutputLine.historyDigest(digest) == "history digest 9f86d081884c7d65 (12 messages)")
        #expect(NodeOutputLine.historyDigest(in: NodeOutputLine.historyDigest(digest)) == digest)
        let one = NodeOutputLine.HistoryDigest(hex: "00", count: 1)
        #expect(NodeOutputLine.historyDigest(one) == "history digest 00 (1 message)")
        #expect(NodeOutputLine.historyDigest(in: NodeOutputLine.historyDigest(one)) == one)
        #expect(NodeOutputLine.historyDigest(in: "[12:00:00] bob: history digest 00 (1 message)") == nil)
    }

    @Test("an unfinished exercise is found in a node's error line")
    func notImplemented() {
        #expect(NotImplemented(foundIn: "error: node alice stopped: not implemented: exercise 1.1") == NotImplemented(exercise: "1.1"))
        #expect(NotImplemented(foundIn: "error: not implemented: exercise 2.2 — see exercises/ping.md") == NotImplemented(exercise: "2.2"))
        #expect(NotImplemented(foundIn: "error: node alice stopped: index out of range") == nil)
    }
}
