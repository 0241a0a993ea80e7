#if canImport(MessagingSolution)
import LabKit
import MessagingKit
import MessagingLab
import MessagingSolution
import Scenarios
import Testing

/// The messaging lab's scenarios against the reference RSA, processor and store, and the skeleton they must fail cleanly.
@Suite("Messaging scenarios")
struct MessagingScenarioTests {
    @Test("the skeleton fails every scenario with 'not implemented', without crashing")
    func skeletonFailsCleanly() async {
        await SkeletonCheck.failsAsNotImplemented(MessagingScenarios.scenarios(MessagingLab.RSA.self)
                                                  + ProcessingScenarios.scenarios(MessagingLab.Processor.self, rsa: MessagingLab.RSA.self)
                                                  + MessagingScenarios.persistence(MessagingLab.PersistenceStore.self)
                                                  + MessagingScenarios.conversation(MessagingLab.Processor.self, MessagingLab.PersistenceStore.self,
                                                                                    rsa: MessagingLab.RSA.self)
                                                  + [MessagingScenarios.live(.labRunner(.student))])
    }

    @Test("scenario ids name the lab and an exercise; every exercise is graded; 86 points; the live ones run openssl and the whole system")
    func pointsAndIDs() {
        let all = MessagingScenarios.lab(MessagingSolution.RSA.self, processor: MessagingSolution.Processor.self,
                                         store: MessagingSolution.PersistenceStore.self, processes: .labRunner(.solution)).scenarios
        #expect(all.allSatisfy { $0.lab == "messaging" && $0.id.hasPrefix("messaging.\($0.exercise)-") })
        #expect(all.filter { $0.mode == .live }.map(\.id) == ["messaging.4.2-openssl", "messaging.12.1-live-failover"])
        #expect(Set(all.map(\.exercise)) == Set(MessagingScenarios.exercises.map(\.id)))
        #expect(all.reduce(0) { $0 + $1.points } == 86)
        #expect(Set(all.map(\.id)).count == all.count)
    }

    @Test("without a labrunner to start the processes, the live scenario fails saying so")
    func liveWithoutExecutable() async {
        await LiveScenarioCheck.failsWithoutExecutable(MessagingScenarios.live(NodeProcesses(executable: nil, impl: .solution)))
    }

    @Test("the live scenario passes the reference with another store killed: SIGKILLed leader and store, every line once, in order, equal logs")
    func liveAnotherVictim() async throws {
        try await MessagingScenarios.bobToAliceThroughFailures(.labRunner(.solution), seed: 2)
    }

    @Test("the reference's decryption refuses empty, cut, lengthened, unreduced and altered ciphertexts with the one decryptionError")
    func oneDecryptionError() throws {
        let key = try RSAPrivateKey(pem: TestKeys.rsa1024)
        var random = SeededRandom(seed: 7)
        let sealed = try MessagingSolution.RSA.encrypt(Array("Bob to Alice".utf8), key: key.publicKey, using: &random)
        for bad in [[], Array(sealed.dropLast()), sealed + [0], [UInt8](repeating: 0xff, count: sealed.count), sealed.map { $0 ^ 1 }] {
            #expect(throws: RSAError.decryptionError) { try MessagingSolution.RSA.decrypt(bad, label: [], key: key) }
        }
        #expect(try MessagingSolution.RSA.decrypt(sealed, label: [], key: key) == Array("Bob to Alice".utf8))
    }
}

#endif
