import VideoKit

extension TrackerScenarios {
    /// Exercise 1.1: scripted peers cover every case of the registry; each answer is checked by the oracle.
    static func joinsAndLeaves<T: TrackerNode>(_ tracker: T.Type, seed: UInt64) throws(ScenarioFailure) {
        let config = TrackerConfig(ttl: .seconds(60))
        let sim = VideoSimulation(seed: seed, faults: FaultPlan(duplicateRate: 0.2, delay: .milliseconds(1)...(.milliseconds(30))))
        sim.add("tracker") { T(config: config) }
        sim.add("alice") {
            ProbePeer(script: steps([
                (100, .join(address: address(1), files: [bunny, sintel])), (500, .heartbeat), (800, .update(tears)),
                (1000, .leave), (1500, .heartbeat), (1600, .update(lecture)), (2000, .join(address: address(1), files: [bunny])),
                (2500, .heartbeat),
            ]))
        }
        sim.add("bob") {
            ProbePeer(script: steps([
                (100, .heartbeat), (200, .update(tears)), (300, .leave), (400, .join(address: address(2), files: [tears])),
                (600, .join(address: address(2), files: [tears])), (900, .heartbeat), (1200, .update(bunny)),
            ]))
        }
        sim.add("carol") {
            ProbePeer(script: steps([
                (200, .join(address: address(3), files: [])), (1200, .join(address: address(13), files: [sintel])),
                (1700, .heartbeat), (2200, .leave), (2400, .leave), (2600, .update(sintel)),
            ]))
        }
        try sim.grade(until: .seconds(4))
        _ = try RegistryOracle.check(sim, ttl: config.ttl)
    }

    /// Exercise 1.1 under faults: random scripts, loss, copies, reordering, a peer and the tracker restarting.
    static func keepsRegistryUnderFaults<T: TrackerNode>(_ tracker: T.Type, seed: UInt64) throws(ScenarioFailure) {
        var random = SeededRandom(seed: seed, stream: "script")
        let config = TrackerConfig(ttl: .seconds(60))
        let sim = VideoSimulation(seed: seed, faults: .lossy(0.25, duplicateRate: 0.2, delay: .milliseconds(1)...(.milliseconds(80))))
        sim.add("tracker") { T(config: config) }
        for number in 1...6 {
            let script = randomScript(peer: number, steps: 14, within: 0...12_000, &random)
            sim.add(NodeID("peer-\(number)")) { ProbePeer(script: script, heartbeat: .seconds(1), rejoins: true) }
        }
        let peerCrash = randomTime(2_000...6_000, &random)
        sim.schedule(at: peerCrash) { $0.crash("peer-6") }
        sim.schedule(at: peerCrash + randomTime(500...3_000, &random)) { $0.restart("peer-6") }
        let trackerCrash = randomTime(4_000...8_000, &random)
        sim.schedule(at: trackerCrash) { $0.crash("tracker") }
        sim.schedule(at: trackerCrash + randomTime(200...1_500, &random)) { $0.restart("tracker") }
        try sim.grade(until: .seconds(15))
        _ = try RegistryOracle.check(sim, ttl: config.ttl)
    }

    /// A script from `(milliseconds, message)` pairs.
    static func steps(_ pairs: [(Int, TrackerMessage)]) -> [Step] {
        pairs.map { Step(time: .milliseconds($0.0), message: $0.1) }
    }

    /// A random script for probe `peer`: JOINs with random lists, HEARTBEATs, UPDATEs and LEAVEs in any order.
    static func randomScript(peer: Int, steps: Int, within window: ClosedRange<Int>, _ random: inout SeededRandom) -> [Step] {
        let times = (0..<steps).map { _ in randomTime(window, &random) }.sorted()
        var script: [Step] = []
        for time in times {
            let message: TrackerMessage
            switch Int.random(in: 0..<100, using: &random) {
            case ..<30:
                let files = catalog.filter { _ in random.chance(0.4) }
                message = .join(address: address(peer + 10 * Int.random(in: 0...1, using: &random)), files: files)
            case ..<60: message = .heartbeat
            case ..<85: message = .update(catalog[Int.random(in: 0..<catalog.count, using: &random)])
            default: message = .leave
            }
            script.append(Step(time: time, message: message))
        }
        return script
    }
}
