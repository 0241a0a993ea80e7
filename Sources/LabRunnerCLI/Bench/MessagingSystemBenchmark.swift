import Catalog
import Foundation
import LabKit
import MessagingKit
import Scenarios

/// `labrunner bench messaging`, the whole system: Bob → Alice through 3 processor and 3 store processes on
/// loopback, and the implementation's processors and stores in the simulator (``MessagingSimulatedFigures``).
struct MessagingSystemBenchmark: Sendable {
    let impl: Implementation
    /// Alice's key: one the bench's key generation made.
    let key: RSAPrivateKey
    /// The private operations per second measured in the same run: the yardstick of the end-to-end rate.
    let privateOpsPerSecond: Double
    let context: CommandContext
    /// Messages Bob types at once for the end-to-end rate, leaders killed in real runs, crashes simulated.
    let messages = 300, realFailovers = 3, seeds = 500

    func run() async throws -> MessagingSystemResult {
        let console = context.console
        console.out("The whole system: 3 processors, 3 stores, Bob and Alice as processes on loopback, with this key…")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("labrunner-bench-messaging-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let cluster = try MessagingCluster(folder: folder, key: key, processes: .running(impl), environment: context.environment)
        let real: (rate: Double, appendGap: Double, failovers: [MessagingCluster.Failover])
        do {
            real = try await measure(cluster)
        } catch {
            await cluster.stopAll()
            throw error
        }
        await cluster.stopAll()

        console.out("The same in virtual time: \(seeds) simulated leader crashes, and a fault-free run of the whole system…")
        let simulated = try MessagingSimulatedFigures.failovers(MessagingImplementations.processor(impl), key: key, seeds: seeds)
        let cost = try MessagingSimulatedFigures.entryCost(MessagingImplementations.processor(impl), MessagingImplementations.store(impl), key: key, messages: 100)
        guard cost.stored == 100 else { throw MessagingBenchmarkError.system("the simulated run stored \(cost.stored) of Bob's 100 messages") }
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let defaults = ProcessingConfig(replicas: [], key: key)
        let result = MessagingSystemResult(
            messages: messages, endToEndMessagesPerSecond: real.rate, appendIntervalMedianSeconds: real.appendGap, cores: cores,
            processors: cluster.processors.count,
            rsaCeilingMessagesPerSecond: Double(cores) * privateOpsPerSecond / Double(cluster.processors.count),
            realFailover: .init(runs: real.failovers.map { .init(killed: $0.killed, electionSeconds: $0.elected.map { seconds($0.after) },
                                                                 nextReplySeconds: $0.stored.map(seconds)) },
                                electionMedianSeconds: real.failovers.compactMap { $0.elected.map { seconds($0.after) } }.median,
                                nextReplyMedianSeconds: real.failovers.compactMap { $0.stored.map(seconds) }.median),
            virtualFailover: .init(seeds: seeds, electionMedianSeconds: simulated.map(\.election).median!, electionMaxSeconds: simulated.map(\.election).max()!,
                                   nextReplyMedianSeconds: simulated.map(\.reply).median!, nextReplyMaxSeconds: simulated.map(\.reply).max()!,
                                   electionTimeoutSeconds: seconds(defaults.electionTimeout), answerTimeoutSeconds: seconds(defaults.answerTimeout)),
            criticalSection: .init(stores: 3, entries: cost.entries, requestsAndReplies: cost.messages,
                                   perEntry: Double(cost.messages) / Double(max(cost.entries, 1)), ideal: 2 * (3 - 1)))
        for line in result.reportLines { console.out(line) }
        return result
    }

    /// Starts everything, warms up, kills the leader `realFailovers` times (restarting it on its folder after each,
    /// until it leads again), then times `messages` lines typed at once until Alice shows the last. The failovers
    /// come first: a processor restarted under a log of more than 256 entries past its commit is not elected again
    /// over TCP (a promise carries its log's whole suffix, and no message carries more than 256 entries).
    private func measure(_ cluster: MessagingCluster) async throws -> (rate: Double, appendGap: Double, failovers: [MessagingCluster.Failover]) {
        for name in cluster.processors + cluster.stores { try cluster.start(name) }
        for name in cluster.processors + cluster.stores { try await cluster.waitUntilListening(name) }
        for name in ["alice", "bob"] {
            try cluster.start(name)
            try await cluster.waitUntilListening(name)
        }
        let warm = 5
        for number in 1...warm { cluster.type("warm-up \(number)", into: "bob") }
        try await expect(within: .seconds(30), "Alice showed the \(warm) warm-up messages", cluster) { $0.received.count == warm }

        var failovers: [MessagingCluster.Failover] = []
        for run in 1...realFailovers {
            context.console.out("  failover \(run) of \(realFailovers): SIGKILL of the leader \(cluster.leader), a line typed into Bob at once…")
            let failover = try await cluster.failover(typing: "typed at kill \(run)", within: .seconds(30))
            failovers.append(failover)
            // The old leader returns on its folder and, the highest, takes over again: the next run kills it again.
            let term = failover.elected?.term ?? 0
            try cluster.start(failover.killed)
            try await expect(within: .seconds(30), "\(failover.killed) led again after its restart", cluster) { seen in
                seen.elections.contains { $0.processor == failover.killed && $0.term > term }
            }
            cluster.type("after failover \(run)", into: "bob")
            let typed = cluster.read(\.typed)
            try await expect(within: .seconds(30), "Bob stored a line after the failover", cluster) { $0.stored[typed] != nil }
        }
        try await expect(within: .seconds(30), "Alice showed every line typed so far", cluster) { $0.received.count == Int($0.typed) }
        context.console.out("  Bob types \(messages) messages at once…")
        let (shown, first) = cluster.read { ($0.received.count, $0.typed + 1) }, started = ContinuousClock.now
        for number in 1...messages { cluster.type("message \(number) of the bench", into: "bob") }
        try await expect(within: .seconds(600), "Alice showed all \(messages) messages", cluster) { $0.received.count == shown + messages }
        let received = cluster.read { $0.received }
        guard received.enumerated().allSatisfy({ $0.element.index == $0.offset && $0.element.text != nil }) else {
            throw MessagingBenchmarkError.system("Alice did not show each message once, in order: grade the lab first (labrunner grade messaging)")
        }
        // Bob appends one message at a time, each in an entry of the stores' critical section: the time between two
        // stored lines is what one append costs.
        let stored = cluster.read { seen in (first..<(first + UInt64(messages))).compactMap { seen.stored[$0] } }
        let gaps = zip(stored, stored.dropFirst()).map { seconds($1 - $0) }
        return (Double(messages) / seconds(received.last!.at - started), gaps.median ?? .nan, failovers)
    }

    /// Waits until `condition` holds, or throws saying `what` did not happen within `limit`.
    private func expect(within limit: Duration, _ what: String, _ cluster: MessagingCluster,
                        _ condition: (MessagingCluster.Observed) -> Bool) async throws {
        guard try await cluster.wait(within: limit, until: condition) else {
            throw MessagingBenchmarkError.system("not within \(limit): \(what); Bob's last lines: \(cluster.lastLines(of: "bob").joined(separator: " / "))")
        }
    }

    private func seconds(_ duration: Duration) -> Double { Double(duration.nanoseconds) / 1e9 }
}
