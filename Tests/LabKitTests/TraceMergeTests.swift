import LabKit
import Testing

@Suite struct TraceMergeTests {
    private func event(_ ms: Int, _ kind: TraceEvent.Kind, _ node: String, _ peer: String? = nil, _ detail: String = "") -> TraceEvent {
        TraceEvent(time: .milliseconds(ms), kind: kind, node: NodeID(node), peer: peer.map { NodeID($0) }, detail: detail)
    }

    @Test("each receive is linked to the first unmatched send of the same message on its route, in time order")
    func linksReceivesToSends() {
        let a = [event(10, .send, "a", "b", "PING 1"), event(20, .send, "a", "b", "PING 1"), event(30, .send, "a", "c", "PING 1")]
        let b = [event(12, .receive, "b", "a", "PING 1"), event(25, .receive, "b", "a", "PING 1"), event(26, .log, "b", nil, "hello")]
        let c = [event(31, .receive, "c", "a", "PING 1")]
        let merged = TraceMerge.merge([b, c, a])
        #expect(merged.map(\.time) == [10, 12, 20, 25, 26, 30, 31].map { .milliseconds($0) })
        let ids = merged.map(\.messageID)
        #expect(ids == [1, 1, 2, 2, nil, 3, 3])
    }

    @Test("a receive logged a little before its send (another process's clock) moves to the send's time; too early, it stays unlinked")
    func clockSkew() {
        let merged = TraceMerge.merge([[event(100, .send, "a", "b", "X")], [event(97, .receive, "b", "a", "X"), event(10, .receive, "b", "a", "Y")],
                                       [event(500, .send, "a", "b", "Y")]])
        let x = merged.filter { $0.detail == "X" }
        #expect(x.map(\.kind) == [.send, .receive])
        #expect(x.map(\.time) == [.milliseconds(100), .milliseconds(100) + .nanoseconds(1)])
        #expect(x[0].messageID != nil && x[1].messageID == x[0].messageID)
        let y = merged.filter { $0.detail == "Y" }
        #expect(y.first { $0.kind == .receive }?.messageID == nil)
    }

    @Test("an injected loss is linked to its send, so a later copy of the same message links to its own send")
    func dropsEndTheirSend() {
        let a = [event(10, .send, "a", "b", "PING 1"), event(10, .drop, "a", "b", "PING 1 (injected loss)"), event(50, .send, "a", "b", "PING 1")]
        let b = [event(51, .receive, "b", "a", "PING 1")]
        let merged = TraceMerge.merge([a, b])
        let drop = merged.first { $0.kind == .drop }, receive = merged.first { $0.kind == .receive }
        #expect(drop?.messageID == 1)
        #expect(receive?.messageID == 2)
    }

    @Test("a message sent to a node's address, before its name was known, is linked once the address is named")
    func aliases() {
        let merged = TraceMerge.merge([[event(10, .send, "a", "127.0.0.1:7000", "HELLO")], [event(11, .receive, "b", "a", "HELLO")]],
                                      aliases: [NodeID("127.0.0.1:7000"): NodeID("b")])
        #expect(merged.map(\.peer) == [NodeID("b"), NodeID("a")])
        #expect(merged.allSatisfy { $0.messageID == 1 })
    }
}
