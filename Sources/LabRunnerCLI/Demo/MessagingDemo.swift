import Catalog
import Foundation
import LabKit
import MessagingKit
import Scenarios

/// `labrunner demo messaging`: 3 processors, 3 stores, Bob and Alice as processes on loopback. Alice's key is
/// made by the implementation's RSA; Bob types numbered messages; the processing leader is killed (SIGKILL) with
/// a message typed at that moment, later a store, which restarts on its folder, then the old leader returns.
/// Alice must show every message once, in order; the summary shows the election and the stores' log digests.
struct MessagingDemo: Sendable {
    let impl: Implementation
    /// Where the run's trace goes.
    let trace: DemoTrace
    let context: CommandContext

    /// How many messages Bob types, and at which ones the faults happen.
    static let messages = 40, leaderDies = 8, storeDies = 14, storeReturns = 30, leaderReturns = 34
    /// The store that is killed.
    static let victim = "s1"

    func run() async throws -> Int32 {
        let names = ["p1", "p2", "p3", "s1", "s2", "s3", "bob", "alice"]
        let out = DemoConsole(console: context.console, style: context.style, names: names)
        let style = context.style
        let started = ContinuousClock.now
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("labrunner-messaging-demo-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        out.say("messaging: 3 processors, 3 stores, Bob and Alice as separate processes on loopback, running the \(impl.rawValue)'s code")

        let clock = ContinuousClock(), keyStarted = clock.now
        let key = try await BlockingWork.value { () throws -> RSAPrivateKey in
            var random = SeededRandom.system
            return try MessagingImplementations.toolkit(impl).generateKey(bits: 2_048, using: &random)
        }
        out.say(String(format: "Alice's key: a new 2048-bit RSA key from the %@'s RSA, made in %.2f s; only the processors hold it",
                       impl.rawValue, seconds(clock.now - keyStarted)))
        let cluster = try MessagingCluster(folder: folder, key: key, processes: .running(impl), environment: context.environment,
                                           options: trace.arguments) { name, line in
            out.line(from: name, index: names.firstIndex(of: name) ?? 0, line)
        }
        do {
            let summary = try await converse(cluster, out)
            await cluster.stopAll()
            out.say(style.bold(String(format: "summary after %.1f s", seconds(ContinuousClock.now - started))))
            for line in summary.lines { out.say("  " + line) }
            out.say(summary.success ? style.green("every message Bob typed reached Alice once, in order, through a leader's and a store's death; the stores hold one log")
                                    : style.red("the messaging demo did not go as it should (see above)"))
            trace.finish(out)
            return summary.success ? 0 : 1
        } catch {
            out.say(style.red("\(error)"))
            await cluster.stopAll()
            return 1
        }
    }

    /// What the summary says, and whether everything went as it should.
    private struct Summary {
        var lines: [String] = []
        var success = true
    }

    /// Starts everything, streams Bob's messages with the faults in between, and waits for the end.
    private func converse(_ cluster: MessagingCluster, _ out: DemoConsole) async throws -> Summary {
        let style = context.style
        for name in cluster.processors + cluster.stores { try cluster.start(name) }
        for name in cluster.processors + cluster.stores { try await cluster.waitUntilListening(name) }
        for name in ["alice", "bob"] {
            try cluster.start(name)
            try await cluster.waitUntilListening(name)
        }
        out.say("p3 leads term 1 (the highest processor, by configuration); the stores wait one lease (2 s) after starting before they append")
        out.say("Bob types \(Self.messages) numbered messages, one every 150 ms")
        var summary = Summary()
        var failover: MessagingCluster.Failover?
        var storeDown: ContinuousClock.Instant?, storeUp: ContinuousClock.Instant?
        for number in 1...Self.messages {
            let line = "message \(number) from Bob"
            switch number {
            case Self.leaderDies:
                _ = try await cluster.wait(within: .seconds(30)) { $0.stored.count == number - 1 }
                out.say(style.red("killing the processing leader \(cluster.leader) (SIGKILL); Bob types message \(number) at that moment"))
                trace.note(.crash, cluster.leader)
                let result = try await cluster.failover(typing: line, within: .seconds(20))
                failover = result
                if let elected = result.elected {
                    out.say(style.green(String(format: "%@ leads term %llu, %.2f s after %@'s death; message %d was stored %.2f s after it", elected.processor,
                                               elected.term, seconds(elected.after), result.killed, number, result.stored.map(seconds) ?? .nan)))
                }
                continue
            case Self.storeDies:
                out.say(style.red("killing store \(Self.victim) (SIGKILL)"))
                trace.note(.crash, Self.victim)
                await cluster.kill(Self.victim)
                storeDown = .now
            case Self.storeReturns:
                out.say(style.green("restarting \(Self.victim) on its folder: it reloads its log, fetches what it missed, and stays quiet for one lease (2 s): appends wait for it"))
                trace.note(.restart, Self.victim)
                try cluster.start(Self.victim)
                storeUp = .now
            case Self.leaderReturns:
                let old = failover?.killed ?? "p3"
                out.say(style.green("restarting \(old) on its folder: the highest processor takes over again (bully)"))
                trace.note(.restart, old)
                try cluster.start(old)
            default: break
            }
            cluster.type(line, into: "bob")
            try await Task.sleep(for: .milliseconds(150))
        }
        let stored = try await cluster.wait(within: .seconds(20)) { $0.stored.count + $0.notSent.count >= Self.messages }
        let shown = try await cluster.wait(within: .seconds(20)) { $0.received.count >= Self.messages }
        out.say("asking every store for its log digest")
        let digests = try await cluster.digests(equal: Self.messages, within: .seconds(15))
        let seen = cluster.read { $0 }

        let inOrder = seen.received.enumerated().allSatisfy { $0.element.index == $0.offset && $0.element.text == "message \($0.offset + 1) from Bob" }
        summary.lines.append("Bob typed \(Self.messages) messages: \(seen.stored.count) stored, \(seen.notSent.count) not sent; Alice showed \(seen.received.count), "
                             + (inOrder && shown ? "each once, in order" : "NOT each once in order"))
        summary.success = stored && shown && inOrder && seen.notSent.isEmpty && seen.received.count == Self.messages
        if let failover, let elected = failover.elected {
            summary.lines.append(String(format: "processing leader %@ killed: %@ elected leader of term %llu in %.2f s (election timeout 300 ms); the message typed at the kill stored %.2f s after it",
                                        failover.killed, elected.processor, elected.term, seconds(elected.after), failover.stored.map(seconds) ?? .nan))
        } else {
            summary.lines.append("processing leader \(failover?.killed ?? "?") killed: no new leader said so within 20 s")
            summary.success = false
        }
        let terms = seen.elections.filter { $0.processor == (failover?.killed ?? "p3") }.map(\.term)
        summary.lines.append("\(failover?.killed ?? "p3") restarted on its folder: " + (terms.isEmpty ? "did NOT lead again" : "leads again, term \(terms.max()!)"))
        summary.success = summary.success && !terms.isEmpty
        if let storeDown, let storeUp {
            let meanwhile = seen.stored.values.filter { $0 > storeDown && $0 < storeUp }.count
            summary.lines.append(String(format: "store %@ killed, restarted on its folder %.1f s later; meanwhile the 2 others stored %d of Bob's messages",
                                        Self.victim, seconds(storeUp - storeDown), meanwhile))
        }
        summary.lines.append("store log digests (SHA-256 of each log, entry by entry):")
        for store in cluster.stores {
            summary.lines.append("  \(store)  " + (digests[store].map { "\($0.hex.prefix(16))…  \($0.entries) entries" } ?? "no digest"))
        }
        let equal = digests.count == cluster.stores.count && Set(digests.values.map(\.hex)).count == 1
        summary.lines.append(equal ? "  all equal" : "  NOT all equal")
        summary.success = summary.success && equal && digests.values.allSatisfy { $0.entries == Self.messages }
        return summary
    }

    private func seconds(_ duration: Duration) -> Double { Double(duration.nanoseconds) / 1e9 }
}
