import Foundation
import LabKit
import Testing
import ZapsZapKit
@testable import ZapsZapSolution

/// Hostile clients against a real chat member over loopback UDP (issue 11): forgers without the key, and
/// insiders with it. Each test waits only for answers the member sends, never for time to pass.
@Suite struct HostileMemberTests {
    static let key = GroupKey(group: "hostile", passphrase: "a long random passphrase for the tests")
    static let loopback = try! SocketAddress.parse("127.0.0.1:0")

    /// A member named alice serving on loopback, its log lines collected, its storage in `folder` if given.
    struct Member {
        let shell: NodeShell<ChatPeer>
        let address: SocketAddress
        let logs = Lock<[String]>([])
        let serving: Task<Void, any Error>

        init(folder: String? = nil) async throws {
            let logs = logs
            shell = NodeShell(ChatPeer(config: ZapConfig(key: HostileMemberTests.key)),
                              configuration: .init(id: "alice", listen: HostileMemberTests.loopback, storageFolder: folder)) { event in
                if case let .log(line) = event { logs.withLock { $0.append(line) } }
            }
            address = try await shell.start()
            serving = Task { [shell] in try await shell.run() }
        }

        func stop() async throws {
            await shell.stop()
            try await serving.value
        }
    }

    @Test("a datagram forged under a member's name, or a captured one replayed from another port, does not move where that member's datagrams go")
    func forgedSenderMovesNothing() async throws {
        let alice = try await Member()
        var bob = try HostileClient("bob", key: Self.key)
        var outsider = try HostileClient("outsider", key: GroupKey(group: "hostile", passphrase: "a guess"))
        _ = try await bob.roundTrip(to: "alice", at: alice.address)
        let captured = try bob.seal(.presence(members: ["bob"]))
        try bob.send(captured, to: "alice", at: alice.address)
        // The outsider writes as bob, in the envelope and the header, from its own port; then replays bob's datagram.
        try outsider.send(try outsider.seal(.goodbye, as: "bob"), to: "alice", at: alice.address, from: "bob")
        try outsider.send(captured, to: "alice", at: alice.address, from: "bob")
        _ = try await bob.roundTrip(to: "alice", at: alice.address)
        let where_ = await alice.shell.address(of: "bob"), refused = await alice.shell.inspect(\.rejections)
        try await alice.stop()
        #expect(where_ == bob.socket.localAddress, "bob's datagrams now go to \(where_.map(\.description) ?? "nowhere")")
        #expect(refused[.undecryptable] == 1 && refused[.replayed] == 1, "\(refused)")
    }

    @Test("an insider's PRESENCE flood of 2,000 made-up names leaves at most ZapLimits.maxMembers members, and none is passed on")
    func presenceFloodIsBounded() async throws {
        let alice = try await Member()
        var mole = try HostileClient("mole", key: Self.key)
        var listed: [NodeID] = []
        for batch in 0..<10 {
            for datagram in 0..<20 {
                let ghosts = (0..<10).map { NodeID("ghost-\(batch)-\(datagram)-\($0)") }
                try mole.send(try mole.seal(.presence(members: ghosts)), to: "alice", at: alice.address)
            }
            listed = try await mole.roundTrip(to: "alice", at: alice.address)
        }
        let members = await alice.shell.inspect { $0.members }
        try await alice.stop()
        #expect(members.count <= ZapLimits.maxMembers, "\(members.count) members kept")
        #expect(members.filter(\.value.direct).keys.sorted() == ["mole"])
        #expect(listed == ["alice", "mole"], "a hello is answered with the members heard directly only")
    }

    @Test("an insider sealing under 500 made-up sender names leaves at most ZapLimits.maxMembers members and replay windows")
    func madeUpSendersAreBounded() async throws {
        let alice = try await Member()
        var mole = try HostileClient("mole", key: Self.key)
        for batch in 0..<25 {
            for number in 0..<20 {
                try mole.send(try mole.seal(.presence(members: []), as: NodeID("m-\(batch)-\(number)")), to: "alice", at: alice.address)
            }
            _ = try await mole.roundTrip(to: "alice", at: alice.address)
        }
        let (members, windows) = await alice.shell.inspect { ($0.members.count, $0.windows.count) }
        let learned = await alice.shell.address(of: "m-0-0")
        try await alice.stop()
        #expect(members <= ZapLimits.maxMembers && windows <= ZapLimits.maxMembers, "\(members) members, \(windows) windows")
        #expect(learned != nil, "the shell's book keeps up to AddressBook.maxLearned names")
    }

    @Test("a message claiming to be the member's own, or numbered far ahead, is refused, in a chat or a page, and changes neither its history nor its numbering")
    func ownNameIsRefused() async throws {
        let alice = try await Member()
        var mole = try HostileClient("mole", key: Self.key)
        let forged = ChatMessage(sender: "alice", seq: ZapLimits.maxCounter, lamport: 5, text: "I am alice")
        try mole.send(try mole.seal(.chat(forged)), to: "alice", at: alice.address)
        try mole.send(try mole.seal(.syncPage([ChatMessage(sender: "alice", seq: 1, lamport: 9, text: "me too")])), to: "alice", at: alice.address)
        try mole.send(try mole.seal(.chat(ChatMessage(sender: "mole", seq: 1, lamport: 1, text: "hi"))), to: "alice", at: alice.address)
        // Numbered 2⁴⁸ from another name: refused too, or the next sync would count up to it.
        try mole.send(try mole.seal(.chat(ChatMessage(sender: "mole", seq: ZapLimits.maxCounter, lamport: 9, text: "far"))), to: "alice", at: alice.address)
        // A datagram sealed under alice's own name is refused too (as a copy of hers).
        try mole.send(try mole.seal(.chat(forged), as: "alice"), to: "alice", at: alice.address)
        _ = try await mole.roundTrip(to: "alice", at: alice.address)
        await alice.shell.command(.say("the real alice"))
        let history = await alice.shell.inspect { $0.orderedHistory.map(\.id.description) }
        let clock = await alice.shell.inspect(\.lamportTime)
        try await alice.stop()
        #expect(history == ["mole#1", "alice#1"], "\(history)")
        #expect(clock < 9, "the refused messages moved the clock to \(clock)")
        #expect(alice.logs.withLock { $0 }.filter { $0.contains("claims to be this member's own") }.count == 2)
    }

    @Test("a store poisoned on disk loads: bad records are skipped with a log line, the rest is restored, the member serves")
    func poisonedStoreLoads() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("zap-poison-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = DiskStore(folder: folder)
        let prefix = ChatPeer.messageKeyPrefix
        let longest = NodeID(String(repeating: "🦊", count: ZapLimits.maxNameBytes / 4))  // a legal name of 64 bytes
        let good = [ChatMessage(sender: "bob", seq: 1, lamport: 2, text: "fine"),
                    ChatMessage(sender: longest, seq: 1, lamport: 3, text: "a long name")]
        for message in good { try store.save(message.encoded(), forKey: prefix + message.id.description) }
        try store.save(UInt32(7).encoded(), forKey: ChatPeer.epochKey)
        try store.save(ChatMessage(sender: "bob", seq: 2, lamport: .max, text: "2⁶⁴ − 1").encoded(), forKey: prefix + "bob#2")
        try store.save([0xff, 0x00, 0x13], forKey: prefix + "eve#1")
        let far = ChatMessage(sender: longest, seq: ZapLimits.maxCounter, lamport: 4, text: "numbered 2⁴⁸")
        try store.save(far.encoded(), forKey: prefix + far.id.description)  // the longest key a legal message has
        try store.save(ChatMessage(sender: "bob", seq: 3, lamport: 4, text: "moved").encoded(), forKey: prefix + "mallory#1")
        try store.save(NodeID("ev\u{1b}[2Jil").encoded() + UInt64(1).encoded() + UInt64(1).encoded() + "x".encoded() + [0],
                       forKey: prefix + "evil#1")
        let alice = try await Member(folder: folder)
        var mole = try HostileClient("mole", key: Self.key)
        _ = try await mole.roundTrip(to: "alice", at: alice.address)
        let history = await alice.shell.inspect { $0.orderedHistory }
        let epoch = await alice.shell.inspect(\.epoch)
        try await alice.stop()
        #expect(history == good)
        #expect(epoch == 8)
        #expect(alice.logs.withLock { $0 }.filter { $0.hasPrefix("skipping the saved") }.count == 5, "\(alice.logs.withLock { $0 })")
    }

    @Test("a stored epoch that leaves no new one stops the member at start with the reason, without a trap")
    func exhaustedEpochRefusesToStart() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("zap-epoch-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try DiskStore(folder: folder).save(UInt32.max.encoded(), forKey: ChatPeer.epochKey)
        let alice = try await Member(folder: folder)
        await #expect { try await alice.serving.value } throws: { "\($0)".contains("no new epoch can follow the stored one") }
    }
}
