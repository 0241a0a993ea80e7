import LabKit

/// Measures how many messages per second the simulator delivers: pairs of nodes bouncing a counter back
/// and forth, 64 messages in flight per pair, 1–5 ms random latency (so messages reorder), tracing off.
/// No loss: a lost message would end its rally, and the run would starve before its count.
enum SimulatorBenchmark {
    struct Result: Codable, Sendable {
        let delivered: Int
        let seconds: Double
        var messagesPerSecond: Double { Double(delivered) / seconds }
    }

    /// Bounces every message it gets back to its sender; starts `inFlight` rallies if it is the opener.
    struct Bouncer: NodeLogic {
        let partner: NodeID
        let opens: Bool
        let inFlight: Int

        mutating func start(_ ctx: inout NodeContext<UInt64, Never>) {
            guard opens else { return }
            for rally in 0..<inFlight { ctx.send(UInt64(rally), to: partner) }
        }

        mutating func receive(_ message: UInt64, from sender: NodeID, _ ctx: inout NodeContext<UInt64, Never>) {
            ctx.send(message &+ 1, to: sender)
        }
    }

    static func run(messages: Int = 3_000_000, pairs: Int = 8) throws -> Result {
        let sim = Simulation<UInt64, Never>(seed: 1, faults: FaultPlan(delay: .milliseconds(1)...(.milliseconds(5))), tracing: false)
        for pair in 0..<pairs {
            let left = NodeID("left-\(pair)"), right = NodeID("right-\(pair)")
            sim.add(left) { Bouncer(partner: right, opens: true, inFlight: 64) }
            sim.add(right) { Bouncer(partner: left, opens: false, inFlight: 64) }
        }
        let clock = ContinuousClock()
        let started = clock.now
        try sim.run(until: { $0.stats.delivered >= messages }, deadline: .seconds(1_000_000))
        let seconds = Double((clock.now - started).nanoseconds) / 1e9
        return Result(delivered: sim.stats.delivered, seconds: seconds)
    }
}
