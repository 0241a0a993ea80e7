import LabKit

extension ZapsZapScenarios {
    /// Three members as real UDP nodes on loopback, each dropping 20 % of what it sends, chat concurrently:
    /// within 20 s every member must hold all nine messages in the same order (equal history digests).
    static func convergeOverRealUDP<Peer: ChatPeerNode>(_: Peer.Type, seed: UInt64) async throws {
        let loopback = try SocketAddress.parse("127.0.0.1:0")
        let key = GroupKey(group: "live", passphrase: "over real sockets")
        func member(_ name: NodeID, greeting peers: [NodeID: SocketAddress], index: UInt64) -> NodeShell<Peer> {
            let config = ZapConfig(key: key, peers: peers.keys.sorted(), helloRetry: .milliseconds(200), syncInterval: .milliseconds(300),
                                   presenceInterval: .milliseconds(200), presenceTimeout: .seconds(2))
            return NodeShell(Peer(config: config), configuration: .init(id: name, listen: loopback, peers: peers,
                                                                         faults: FaultPlan(dropRate: 0.2), seed: seed &+ index)) { _ in }
        }
        let alice = member("alice", greeting: [:], index: 1)
        let aliceAddress = try await alice.start()
        let bob = member("bob", greeting: ["alice": aliceAddress], index: 2)
        let carol = member("carol", greeting: ["alice": aliceAddress], index: 3)
        let members = [alice, bob, carol]
        try await bob.start()
        try await carol.start()
        typealias Histories = [(count: Int, digest: [UInt8])]
        // The members run beside the chat script; a member that fails (a skeleton's todo) ends everything at once.
        let final: Histories = try await withThrowingTaskGroup(of: Histories?.self) { group in
            for shell in members { group.addTask { try await shell.run(); return nil } }
            group.addTask {
                var seen: Histories = []
                defer { Task { for shell in members { await shell.stop() } } }
                for round in 1...3 {
                    for (name, shell) in zip(["alice", "bob", "carol"], members) { await shell.command(.say("\(name) #\(round)")) }
                    try await Task.sleep(for: .milliseconds(100))
                }
                for _ in 0..<200 {
                    seen = []
                    for shell in members { seen.append(await shell.inspect { ($0.orderedHistory.count, $0.historyDigest) }) }
                    if seen.allSatisfy({ $0.count == 9 }) && Set(seen.map(\.digest)).count == 1 { break }
                    try await Task.sleep(for: .milliseconds(100))
                }
                return seen
            }
            var result: Histories = []
            for try await histories in group { if let histories { result = histories } }
            return result
        }
        try expect(final.allSatisfy { $0.count == 9 } && Set(final.map(\.digest)).count == 1,
                   "alice, bob and carol to hold the same 9 messages within 20 s",
                   observed: final.map { "\($0.count) messages, digest \($0.digest.hex.prefix(12))" }.joined(separator: "; "))
    }
}
