import Foundation
import LabKit
@testable import LabRunnerCLI
import MessagingKit
import Scenarios
import Testing

/// `labrunner node messaging …`: what a processor refuses to start with, how processors rank, and the lines the
/// demo, the bench and the live scenario read back from the nodes.
@Suite struct MessagingNodeTests {
    @Test("a processor refuses a key file it cannot read, or one holding Alice's public key, with one line and exit 1")
    func keyFiles() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("messaging-node-test-\(UUID().uuidString)").path
        try AtomicFile.makeFolder(folder)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let key = try RSAPrivateKey(pem: TestKeys.rsa512)
        try AtomicFile.write(Array(key.publicKey.subjectPublicKeyInfoPEM.utf8), to: "\(folder)/public.pem")
        let missing = await runner(["node", "messaging", "processor", "--store", "\(folder)/p1", "--key", "\(folder)/nothing.pem"])
        #expect(missing.status == 1)
        #expect(missing.err == "error: cannot read the key file \(folder)/nothing.pem")
        let wrongKind = await runner(["node", "messaging", "processor", "--store", "\(folder)/p1", "--key", "\(folder)/public.pem"])
        #expect(wrongKind.status == 1)
        #expect(wrongKind.err == "error: \(folder)/public.pem holds a public key: a processor also decrypts, so it needs the private key (private.pem)")
    }

    @Test("processors rank by name, a number at a name's end compared as a number")
    func ranks() {
        #expect(MessagingNodes.ranked(["p10", "p2", "p1", "q", "p"]).map(\.name) == ["p", "p1", "p2", "p10", "q"])
    }

    @Test("the lines a store, a processor, Bob and Alice print are read back as printed")
    func printedLines() {
        var log = StoreLog()
        var context = MessagingContext(id: "s1", now: .zero, random: SeededRandom(seed: 1))
        log.append(StoreEntry(client: 1, request: 1, sender: "bob", mailbox: "alice", bytes: [1, 2, 3]), &context)
        let digest = NodeOutputLine.logDigest(log)
        #expect(NodeOutputLine.logDigest(in: digest)?.hex == log.digest.hex && NodeOutputLine.logDigest(in: digest)?.entries == 1)
        #expect(NodeOutputLine.logDigest(in: "log digest of nothing") == nil)
        #expect(NodeOutputLine.electedTerm(in: "\(MessagingEvent.processing(.elected(term: 3)))") == 3)
        #expect(NodeOutputLine.electedTerm(in: "leader of term three") == nil)
        let stored = NodeOutputLine.bobsMessage(in: "\(ConversationEvent.stored(number: 4, bytes: 256))")
        #expect(stored?.number == 4 && stored?.stored == true)
        let refused = NodeOutputLine.bobsMessage(in: "\(ConversationEvent.notSent(number: 5, reason: "too long"))")
        #expect(refused?.number == 5 && refused?.stored == false)
        let received = NodeOutputLine.alicesMessage(in: "\(ConversationEvent.received(index: 0, plaintext: Array("hi: there".utf8)))")
        #expect(received?.index == 0 && received?.text == "hi: there")
        let unreadable = NodeOutputLine.alicesMessage(in: "\(ConversationEvent.unreadable(index: 7))")
        #expect(unreadable?.index == 7 && unreadable?.text == nil)
        #expect(NodeOutputLine.alicesMessage(in: "#x: nothing") == nil && NodeOutputLine.bobsMessage(in: "message x stored") == nil)
    }
}
