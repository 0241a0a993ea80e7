import ZapsZapKit

extension ZapsZapScenarios {
    /// Three members as real `labrunner node zapszap` processes on loopback, each dropping 20 % of what it
    /// sends, chat at once through their prompts: within 20 s every member must hold all nine messages in the
    /// same order (equal history digests, asked with `/digest`). The processes are killed at the end, whatever happens.
    static func convergeAsProcesses(_ processes: NodeProcesses, seed: UInt64) async throws {
        try await ScenarioFolder.with("zapszap.5.2-live-udp") { folder in
            var members: [ChatMemberProcess] = []
            do {
                try await chatAndConverge(&members, processes: processes, folder: folder, seed: seed)
            } catch {
                for member in members { await member.stop() }
                throw error
            }
            for member in members { await member.stop() }
        }
    }

    /// Starts alice, then bob and carol greeting her; three rounds of chat; then `/digest` until all agree.
    private static func chatAndConverge(_ members: inout [ChatMemberProcess], processes: NodeProcesses, folder: ScenarioFolder,
                                        seed: UInt64) async throws {
        func start(_ name: String, greeting peers: [String]) throws(ScenarioFailure) -> ChatMemberProcess {
            let options = ["--group", "live", "--passphrase", "over real sockets", "--listen", "127.0.0.1:0", "--drop", "0.2",
                           "--seed", "\(seed &+ UInt64(members.count + 1))", "--sync-interval", "300ms", "--store", folder.file(name)]
            return try ChatMemberProcess(name, options: options + peers.flatMap { ["--peer", $0] }, processes: processes)
        }
        members.append(try start("alice", greeting: []))
        let alice = try await members[0].address()
        members.append(try start("bob", greeting: [alice]))
        members.append(try start("carol", greeting: [alice]))
        for member in members { _ = try await member.address() }

        for round in 1...3 {
            for member in members { member.type("\(member.name) #\(round)") }
            try await Task.sleep(for: .milliseconds(100))
        }
        let deadline = ContinuousClock.now + .seconds(20)
        var digests: [NodeOutputLine.HistoryDigest?] = []
        repeat {
            for member in members {
                try member.checkRunning()
                member.type("/digest")
            }
            try await Task.sleep(for: .milliseconds(250))
            digests = members.map(\.digest)
            if digests.allSatisfy({ $0?.count == 9 }) && Set(digests).count == 1 { return }
        } while ContinuousClock.now < deadline
        for member in members { try member.checkRunning() }
        try expect(false, "alice, bob and carol to hold the same 9 messages in the same order within 20 s (equal history digests)",
                   observed: zip(members, digests).map { "\($0.name): \($1.map { "\($0.count) messages, digest \($0.hex.prefix(12))" } ?? "no digest")" }
                       .joined(separator: "; "))
    }
}
