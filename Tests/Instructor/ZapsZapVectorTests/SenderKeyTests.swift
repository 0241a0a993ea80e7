import LabKit
import Testing
import ZapsZapKit

/// Sender keys are remembered by the group key that derived them (the recorded vectors and every member rely
/// on them): a remembered key is the derived one, however many names came and went.
@Suite("ZapsZap sender keys")
struct SenderKeyTests {
    @Test("a sender key is HKDF-Expand of the group secret and the name, remembered or not, past the cache's limit too")
    func rememberedKeysAreDerivedKeys() {
        let key = GroupKey(group: "lab-room", passphrase: "correct horse battery staple")
        let names = (0..<600).map { NodeID("member-\($0)") }
        func derived(_ name: NodeID) -> [UInt8] {
            HKDF.sha256Expand(pseudorandomKey: key.secret, info: Array("zapszap v1 sender \(name.name)".utf8), outputLength: 32)
        }
        for round in 0..<2 {
            for name in names + names.prefix(10) {
                #expect(key.senderKey(for: name) == derived(name), "round \(round), \(name)")
            }
        }
        #expect(key.senderKey(for: "ann") != key.senderKey(for: "bob"))
        #expect(GroupKey(group: "lab-room", passphrase: "correct horse battery staple") == key)
    }
}
