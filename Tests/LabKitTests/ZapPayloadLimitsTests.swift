import LabKit
import Testing
import ZapsZapKit

@Suite struct ZapPayloadLimitsTests {
    static func chat(seq: UInt64, lamport: UInt64) -> ZapPayload {
        .chat(ChatMessage(sender: "mallory", seq: seq, lamport: lamport, text: "hi"))
    }

    @Test("an insider's 2⁶⁴ − 1 as a Lamport time, sequence number or clock is refused where it is decoded")
    func refusesHugeCounters() throws {
        for payload in [Self.chat(seq: 1, lamport: .max), Self.chat(seq: .max, lamport: 1),
                        .syncRequest(SyncDigest(clock: .max, heads: []), reciprocate: false)] {
            #expect(throws: WireError.self, "\(payload)") { try ZapPayload.decode(payload.encoded(), limits: ZapLimits.wireLimits) }
        }
        let largest = Self.chat(seq: ZapLimits.maxCounter, lamport: ZapLimits.maxCounter)
        #expect(try ZapPayload.decode(largest.encoded(), limits: ZapLimits.wireLimits) == largest)
    }

    @Test("a chat text longer than the protocol allows is refused")
    func refusesLongTexts() {
        let long = ZapPayload.chat(ChatMessage(sender: "mallory", seq: 1, lamport: 1, text: String(repeating: "x", count: ZapLimits.maxTextBytes + 1)))
        #expect(throws: WireError.lengthTooLarge(field: "text", length: ZapLimits.maxTextBytes + 1, limit: ZapLimits.maxTextBytes)) {
            try ZapPayload.decode(long.encoded(), limits: ZapLimits.wireLimits)
        }
    }
}
