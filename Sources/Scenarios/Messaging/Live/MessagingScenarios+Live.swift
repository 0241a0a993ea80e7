import Foundation
import LabKit
import MessagingKit

extension MessagingScenarios {
    /// The scenario that runs the whole system — 3 processors, 3 stores, Bob and Alice — as real processes of
    /// `processes` (never a mutant: a mutant is a type in this process, and `labrunner node` runs only the
    /// student's code or the reference).
    public static func live(_ processes: NodeProcesses) -> Scenario {
        Scenario(id: "messaging.12.1-live-failover", lab: "messaging", exercise: "12.1", points: 3, seeds: 1, mode: .live,
                 needs: ProcessingScenarios.fullRSA + ["5.1", "6.1", "7.1", "8.1", "9.1", "10.1", "10.2", "11.1"],
                 summary: "3 processors, 3 stores, Bob and Alice as real processes (labrunner node messaging …) on loopback: Bob types 45 numbered lines; the processing leader is killed with SIGKILL mid-stream, later a store, which then restarts on its folder; within 20 s of the last line Bob has every line stored and Alice shows each exactly once, in order; the three stores' logs are equal, on disk too, and hold no plaintext") { seed in
            try await bobToAliceThroughFailures(processes, seed: seed)
        }
    }

    /// How many lines Bob types in the live scenario: three batches, one before each fault.
    static let liveBatches = 3, liveBatch = 15

    /// Runs the live scenario with `seed` (it picks the store that dies): every process is stopped at the end.
    package static func bobToAliceThroughFailures(_ processes: NodeProcesses, seed: UInt64) async throws {
        try await ScenarioFolder.with("messaging.12.1-live-failover") { folder in
            let cluster: MessagingCluster
            do {
                cluster = try MessagingCluster(folder: folder.file("system"), key: try ProcessingScenarios.aliceKey(), processes: processes,
                                               environment: ProcessInfo.processInfo.environment)
            } catch let failure as ScenarioFailure {
                throw failure
            } catch {
                throw ScenarioFailure(.crashed("\(error)"))
            }
            let lines = (1...(liveBatches * liveBatch)).map { "line \($0) of seed \(seed): \(Self.words[($0 * 7 + Int(seed % 97)) % Self.words.count])" }
            do {
                try await converse(cluster, lines, victim: cluster.stores[Int(seed % UInt64(cluster.stores.count))])
            } catch let failure as ScenarioFailure {
                await cluster.stopAll()
                throw failure
            } catch {
                await cluster.stopAll()
                throw ScenarioFailure(.crashed("\(error)"))
            }
            await cluster.stopAll()
            try checkStoresAtRest(cluster, lines)
        }
    }

    /// Starts everything, types `lines` into Bob in three batches — the leader killed after the first is partly
    /// stored, store `victim` after the second, which restarts during the third — and checks what Bob and Alice said.
    private static func converse(_ cluster: MessagingCluster, _ lines: [String], victim: String) async throws {
        for name in cluster.processors + cluster.stores + ["alice", "bob"] { try cluster.start(name) }
        for name in cluster.processors + cluster.stores + ["alice", "bob"] { try await cluster.waitUntilListening(name) }
        let batches = stride(from: 0, to: lines.count, by: liveBatch).map { Array(lines[$0..<min($0 + liveBatch, lines.count)]) }

        try await type(batches[0], into: cluster)
        try await expectStored(8, within: .seconds(30), cluster, "Bob's first 8 lines stored within 30 s of the start (the stores wait one lease, 2 s, after starting)")
        let leader = cluster.leader
        await cluster.kill(leader)
        try await type(batches[1], into: cluster)
        try await expectStored(2 * liveBatch, within: .seconds(20), cluster, "the first \(2 * liveBatch) lines stored within 20 s of the leader \(leader)'s death (SIGKILL)")
        await cluster.kill(victim)
        try await type(Array(batches[2].prefix(liveBatch / 2)), into: cluster, pace: .milliseconds(150))
        try await expectStored(2 * liveBatch + liveBatch / 2, within: .seconds(20), cluster,
                               "\(liveBatch / 2) more lines stored by the 2 live stores within 20 s of \(victim)'s death (SIGKILL)")
        try cluster.start(victim)
        try await type(Array(batches[2].dropFirst(liveBatch / 2)), into: cluster)
        let lastTyped = ContinuousClock.now

        try await expectStored(lines.count, within: .seconds(20) - (ContinuousClock.now - lastTyped), cluster,
                               "all \(lines.count) lines stored within 20 s of the last one typed")
        let shown = try await cluster.wait(within: .seconds(20) - (ContinuousClock.now - lastTyped)) { $0.received.count >= lines.count }
        let received = cluster.read { $0.received.map { ($0.index, $0.text) } }
        let expected = lines.enumerated().map { ($0.offset, Optional($0.element)) }
        try expect(shown && received.elementsEqual(expected, by: { $0.0 == $1.0 && $0.1 == $1.1 }),
                   "Alice to show Bob's \(lines.count) lines exactly once each, in order (#0 to #\(lines.count - 1)), within 20 s of the last one typed",
                   observed: Self.difference(received, lines))
        let digests = try await cluster.digests(equal: lines.count, within: .seconds(15))
        let agreed = digests.count == cluster.stores.count && Set(digests.values.map(\.hex)).count == 1 && digests.values.allSatisfy { $0.entries == lines.count }
        try expect(agreed, "within 15 s the three stores, \(victim) restarted among them, to print one log digest, of \(lines.count) entries",
                   observed: cluster.stores.map { store in "\(store): " + (digests[store].map { "\($0.hex.prefix(12))… (\($0.entries) entries)" } ?? "no digest") }.joined(separator: ", "))
    }

    /// Types `lines` into Bob's prompt, one every `pace`.
    private static func type(_ lines: [String], into cluster: MessagingCluster, pace: Duration = .milliseconds(40)) async throws {
        for line in lines {
            cluster.type(line, into: "bob")
            try await Task.sleep(for: pace)
        }
    }

    /// Waits until Bob said `count` messages stored (`what` is the expectation a failure states); a message not sent fails at once.
    private static func expectStored(_ count: Int, within limit: Duration, _ cluster: MessagingCluster, _ what: String) async throws {
        let done = try await cluster.wait(within: max(limit, .zero)) { $0.stored.count >= count || !$0.notSent.isEmpty }
        let (stored, notSent) = cluster.read { ($0.stored.count, $0.notSent) }
        try expect(done && notSent.isEmpty, what, observed: notSent.isEmpty ? "\(stored) stored; Bob's last lines: \(cluster.lastLines(of: "bob").joined(separator: " / "))"
                                                                            : "Bob said message \(notSent[0]) not sent")
    }

    /// Reads each store's folder once everything stopped: the logs equal, every line's ciphertext in the mailbox,
    /// and no line's text in any file a store wrote.
    private static func checkStoresAtRest(_ cluster: MessagingCluster, _ lines: [String]) throws {
        var logs: [String: StoreLog] = [:]
        for store in cluster.stores {
            do { logs[store] = try cluster.log(of: store) } catch { throw ScenarioFailure(.crashed("cannot read \(store)'s folder: \(error)")) }
        }
        let first = logs[cluster.stores[0]]!
        try expect(cluster.stores.allSatisfy { logs[$0]! == first } && first.mailbox("alice").count == lines.count,
                   "the three stores' folders to hold one log, with \(lines.count) entries in alice's mailbox",
                   observed: cluster.stores.map { "\($0): \(logs[$0]!.count) entries, digest \(logs[$0]!.digest.hex.prefix(12))…" }.joined(separator: ", "))
        for store in cluster.stores {
            let files = cluster.heldFiles(of: store)
            if let line = lines.first(where: { line in files.contains { $0.contains(Array(line.utf8)) } }) {
                throw ScenarioFailure(.wrong(expected: "no plaintext in any file a store wrote (stores keep ciphertexts only)",
                                             observed: "\(store)'s folder holds \"\(line)\""))
            }
        }
    }

    /// Where what Alice showed first differs from Bob's lines.
    private static func difference(_ received: [(Int, String?)], _ lines: [String]) -> String {
        for (position, shown) in received.enumerated() where position >= lines.count || shown.0 != position || shown.1 != lines[position] {
            let what = position < lines.count ? "#\(position): \(lines[position])" : "nothing more"
            return "\(received.count) shown; at the \(position + 1)th, expected \(what), shown #\(shown.0): \(shown.1 ?? "(does not decrypt)")"
        }
        return "\(received.count) of \(lines.count) shown, each in its place"
    }

    /// Words Bob's lines end with, so that each line is its own text.
    private static let words = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliett", "kilo", "lima", "mike"]
}

private extension Array where Element == UInt8 {
    /// Whether `part` occurs in these bytes.
    func contains(_ part: [UInt8]) -> Bool {
        guard !part.isEmpty, part.count <= count else { return part.isEmpty }
        return (0...(count - part.count)).contains { self[$0..<($0 + part.count)].elementsEqual(part) }
    }
}
