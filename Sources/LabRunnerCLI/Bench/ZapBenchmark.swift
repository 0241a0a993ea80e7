import LabKit
import ZapsZapKit

/// `labrunner bench zapszap`: what anti-entropy costs when members are already in sync (at two history
/// lengths), how long 8 members take to converge at 20 % loss, the simulator's deliveries per second during
/// those runs, and ChaCha20-Poly1305 next to OpenSSL.
struct ZapBenchmark<Peer: ChatPeerNode>: Sendable {
    let context: CommandContext

    func run() throws -> ZapBenchmarkResult {
        let console = context.console
        console.out("anti-entropy cost per round when already in sync (3 members, sync every 1 s, 20 rounds)…")
        var inSync: [Int: Double] = [:]
        for history in [100, 10_000] {
            let bytes = try syncBytesPerRound(history: history)
            inSync[history] = bytes
            console.out("  history of \(history) messages: \(Int(bytes.rounded())) bytes per member per round")
        }
        let ratio = inSync[10_000]! / inSync[100]!
        console.out(String(format: "  ratio 10,000 / 100: %.2f (goal ≤ 1.5)", ratio))
        console.out("8 members, 10 messages each, 20 % loss: virtual time until every history is equal…")
        let converge = try convergence()
        console.out(String(format: "  converged after %.1f s of virtual time", Double(converge.nanoseconds) / 1e9))
        let (rate, count, seconds) = try deliveryRate()
        console.out(String(format: "simulator: %.2f M deliveries/s (8 members chatting for 10 minutes of virtual time at 20 %% loss: %d deliveries in %.2f s)", rate / 1e6, count, seconds))
        console.out("ChaCha20-Poly1305, seal + open of 1 KiB messages…")
        let aead = AEADBenchmark.run(messages: 200_000)
        for line in aead.reportLines { console.out("  " + line) }
        return ZapBenchmarkResult(syncBytesPerRoundInSync: inSync.reduce(into: [:]) { $0["\($1.key)"] = $1.value }, inSyncRatio: ratio,
                                  convergeSeconds8Peers20PercentLoss: Double(converge.nanoseconds) / 1e9,
                                  simulatorDeliveriesPerSecond: rate, aead: aead)
    }

    /// Bytes each member sends per anti-entropy round once all hold `history` messages (heartbeats included).
    private func syncBytesPerRound(history: Int) throws -> Double {
        let sim = Simulation<ZapDatagram, ZapEvent>(seed: 1, faults: FaultPlan(delay: .milliseconds(1)...(.milliseconds(5))))
        let key = GroupKey(group: "bench", passphrase: "in sync")
        let names: [NodeID] = ["alice", "bob", "carol"]
        var handles: [NodeHandle<Peer>] = []
        for (index, name) in names.enumerated() {
            handles.append(sim.add(name) {
                Peer(config: ZapConfig(key: key, peers: Array(names.prefix(index)), syncInterval: .seconds(1), presenceInterval: .seconds(2), presenceTimeout: .seconds(10)))
            })
        }
        for number in 0..<history {
            let handle = handles[number % handles.count]
            sim.schedule(at: .milliseconds(500) + .microseconds(200 * number)) { $0.command(.say("message \(number)"), to: handle) }
        }
        let settled = { (sim: Simulation<ZapDatagram, ZapEvent>) in
            handles.allSatisfy { sim.state(of: $0)?.orderedHistory.count == history }
                && Set(handles.compactMap { sim.state(of: $0)?.historyDigest }).count == 1
        }
        try sim.run(until: settled, deadline: .seconds(600))
        let quietFrom = sim.now + .seconds(5)
        try sim.run(until: quietFrom)
        let sentBefore = sim.messages.count
        try sim.run(until: quietFrom + .seconds(20))
        let bytes = sim.messages[sentBefore...].filter { $0.event == .sent }.reduce(0) { $0 + $1.message.encoded().count }
        return Double(bytes) / Double(names.count) / 20
    }

    /// Virtual time until 8 members that each said 10 things at start hold the same 80 messages at 20 % loss.
    private func convergence() throws -> Duration {
        let (sim, handles) = chattingGroup(seed: 2)
        try sim.run(until: { sim in
            handles.allSatisfy { sim.state(of: $0)?.orderedHistory.count == 80 }
                && Set(handles.compactMap { sim.state(of: $0)?.historyDigest }).count == 1
        }, deadline: .seconds(600))
        return sim.now
    }

    /// Deliveries per second of wall time while 8 members chat for 10 minutes of virtual time, tracing off.
    private func deliveryRate() throws -> (rate: Double, deliveries: Int, seconds: Double) {
        let (sim, _) = chattingGroup(seed: 3)
        let clock = ContinuousClock(), started = clock.now
        try sim.run(until: .seconds(600))
        let seconds = Double((clock.now - started).nanoseconds) / 1e9
        return (Double(sim.stats.delivered) / seconds, sim.stats.delivered, seconds)
    }

    /// 8 members at 20 % loss, each saying 10 things in its first second.
    private func chattingGroup(seed: UInt64) -> (Simulation<ZapDatagram, ZapEvent>, [NodeHandle<Peer>]) {
        let sim = Simulation<ZapDatagram, ZapEvent>(seed: seed, faults: .lossy(0.2, delay: .milliseconds(1)...(.milliseconds(40))), tracing: false)
        let key = GroupKey(group: "bench", passphrase: "converge")
        let names = (1...8).map { NodeID("member-\($0)") }
        var handles: [NodeHandle<Peer>] = []
        for (index, name) in names.enumerated() {
            handles.append(sim.add(name) { Peer(config: ZapConfig(key: key, peers: index == 0 ? [] : [names[0]], syncInterval: .seconds(1))) })
        }
        for (index, handle) in handles.enumerated() {
            for number in 0..<10 {
                sim.schedule(at: .milliseconds(100 * number + 7 * index)) { $0.command(.say("\(handle.id) #\(number)"), to: handle) }
            }
        }
        return (sim, handles)
    }
}

/// What `labrunner bench zapszap` measured (printed, and written as JSON with `--json`).
struct ZapBenchmarkResult: Codable, Sendable {
    let syncBytesPerRoundInSync: [String: Double]
    let inSyncRatio: Double
    let convergeSeconds8Peers20PercentLoss: Double
    let simulatorDeliveriesPerSecond: Double
    let aead: AEADBenchmarkResult
}
