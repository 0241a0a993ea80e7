import LabKit
import Testing
import VideoKit

@Suite struct NodeIDTests {
    @Test("node ids round-trip through the codec and sort by name")
    func roundTrip() throws {
        let ids: [NodeID] = ["server", "client-2", "client-10", "ünïcödé-ok", NodeID(String(repeating: "x", count: NodeID.maxLength))]
        for id in ids { #expect(try NodeID.decode(id.encoded()) == id) }
        #expect(ids.sorted().prefix(3).map(\.name) == ["client-10", "client-2", "server"])
    }

    @Test("a name from the network is refused when empty, too long or holding a control character", arguments: [
        ("", "it is empty"), ("bob\nalice: hi", "it contains a control character"), ("\u{1B}[2Jx", "it contains a control character"),
        ("del\u{7F}", "it contains a control character"),
    ])
    func refusesHostileNames(name: String, reason: String) {
        #expect(throws: WireError.invalidValue(field: "node name", reason: reason)) { try NodeID.decode(NodeID(name).encoded()) }
    }

    @Test("a 300-byte name is refused before its bytes are read")
    func refusesLongNames() {
        #expect(throws: WireError.lengthTooLarge(field: "node name", length: 300, limit: NodeID.maxLength)) {
            try NodeID.decode(NodeID(String(repeating: "n", count: 300)).encoded())
        }
    }

    @Test("what is printed for a person has its control characters escaped; other text is left alone")
    func escapesForTerminals() {
        #expect("line\nforged: ok\u{1B}[2J\u{9B}".escapingControlCharacters == "line\\u{A}forged: ok\\u{1B}[2J\\u{9B}")
        #expect("plain ünïcödé text".escapingControlCharacters == "plain ünïcödé text")
        #expect(NodeID("a\u{7}b").description == "a\\u{7}b")
    }

    @Test("file names, addresses and search texts from the tracker protocol are refused with control characters or path tricks")
    func refusesHostileTrackerText() throws {
        let id = ContentID([UInt8](repeating: 1, count: 32))
        for name in ["clip\n.mp4", "../etc/passwd", ".hidden", "a/b"] {
            #expect(throws: WireError.self) { try SharedFile.decode(SharedFile(name: name, size: 1, contentID: id).encoded()) }
        }
        #expect(throws: WireError.invalidValue(field: "address", reason: "it contains a control character")) {
            try TrackerMessage.decode(TrackerMessage.join(address: "1.2.3.4:5\r\nfake", files: []).encoded())
        }
        #expect(throws: WireError.invalidValue(field: "search text", reason: "it contains a control character")) {
            try TrackerMessage.decode(TrackerMessage.search(requestID: 1, text: "\u{1B}[2J").encoded())
        }
        #expect(try SharedFile.decode(SharedFile(name: "clip.mp4", size: 1, contentID: id).encoded()).name == "clip.mp4")
    }
}
