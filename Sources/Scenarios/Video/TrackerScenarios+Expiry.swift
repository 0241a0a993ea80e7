import VideoKit

extension TrackerScenarios {
    /// Exercise 2.1: a peer crashes silently. It must stay listed while heard within the ttl, vanish from
    /// results after it, be unknown after `ttl + sweepPeriod`, and be listed again once it joins again. Two
    /// peers stay alive by UPDATEs and SEARCHes only; the oracle checks every answer.
    static func expiresSilentPeers<T: TrackerNode>(_ tracker: T.Type, seed: UInt64) throws(ScenarioFailure) {
        var random = SeededRandom(seed: seed, stream: "script")
        let config = TrackerConfig(ttl: .seconds(2))
        let sim = VideoSimulation(seed: seed, faults: FaultPlan(delay: .milliseconds(1)...(.milliseconds(20))))
        sim.add("tracker") { T(config: config) }
        sim.add("stayer") { ProbePeer(script: steps([(100, .join(address: address(1), files: [tears]))]), heartbeat: .milliseconds(500), rejoins: true) }
        sim.add("crasher") { ProbePeer(script: steps([(100, .join(address: address(2), files: [bunny]))]), heartbeat: .milliseconds(500), rejoins: true) }
        // Two peers that never send HEARTBEAT: any message from a registered peer keeps it alive.
        let updates = (0..<14).map { Step(time: .milliseconds(800 + 700 * $0), message: .update(elephants)) }
        sim.add("downloader") { ProbePeer(script: steps([(100, .join(address: address(3), files: [lecture]))]) + updates) }
        let browsing = (0..<14).map { Step(time: .milliseconds(800 + 700 * $0), message: .search(requestID: UInt32(1_001 + $0), text: "zzz")) }
        sim.add("browser") { ProbePeer(script: steps([(100, .join(address: address(4), files: [sintel]))]) + browsing) }
        let searches = (0..<98).map { Step(time: .milliseconds(200 + 100 * $0), message: .search(requestID: UInt32($0 + 1), text: "")) }
        sim.add("searcher") { ProbePeer(script: searches) }
        let crash = randomTime(2_000...2_999, &random), restart = crash + .seconds(5)
        sim.schedule(at: crash) { $0.crash("crasher") }
        sim.schedule(at: restart) { $0.restart("crasher") }
        try sim.grade(until: .seconds(10))

        let fromCrasher = sim.messages.filter { $0.event == .received && $0.to == "tracker" && $0.from == "crasher" }
        // A message crasher sent just before the crash may arrive after it (up to the 20 ms delay): it is heard
        // then, and the ttl runs from its arrival. Crasher sends nothing more until its restart.
        guard let lastHeard = fromCrasher.last(where: { $0.time < restart })?.time else {
            throw ScenarioFailure(.wrong(expected: "the tracker to hear from crasher before it restarted", observed: "nothing"), trace: sim.trace)
        }
        let crasher = PeerContact(peer: "crasher", address: address(2))
        for answer in sim.messages where answer.event == .sent && answer.from == "tracker" && answer.to == "searcher" && answer.time > lastHeard && answer.time < restart {
            guard case let .results(requestID, hits, _) = answer.message else { continue }
            let listed = hits.contains { $0.file == bunny && $0.holders.contains(crasher) }
            let silence = answer.time - lastHeard
            if silence < config.ttl {
                try expect(listed, "RESULTS #\(requestID) at \(time(answer.time)) to list \(bunny.name) at \(crasher): crasher was last heard at \(time(lastHeard)), within the ttl \(config.ttl)",
                           observed: show(hits), trace: sim.trace)
            } else if silence > config.ttl {
                try expect(!listed, "RESULTS #\(requestID) at \(time(answer.time)) not to list crasher: it was last heard at \(time(lastHeard)), more than the ttl \(config.ttl) ago",
                           observed: show(hits), trace: sim.trace)
            }
        }
        guard let back = fromCrasher.first(where: { $0.time > restart }) else {
            throw ScenarioFailure(.wrong(expected: "crasher to speak again after its restart", observed: "nothing"), trace: sim.trace)
        }
        let answered = sim.messages.contains { $0.event == .sent && $0.from == "tracker" && $0.to == "crasher" && $0.time == back.time && $0.message == .unknownPeer }
        try expect(answered, "the tracker to answer \(back.message) from crasher at \(time(back.time)) with UNKNOWN-PEER: silent since \(time(lastHeard)), longer than ttl + sweep period (\(config.ttl + config.ttl / 2)), it must be forgotten",
                   observed: "no UNKNOWN-PEER", trace: sim.trace)
        let last = sim.messages.last { $0.event == .sent && $0.from == "tracker" && $0.to == "searcher" }
        let relisted = last.map { record in
            guard case let .results(_, hits, _) = record.message else { return false }
            return hits.contains { $0.file == bunny && $0.holders.contains(crasher) }
        } ?? false
        try expect(relisted, "the last answer (\(last.map { time($0.time) } ?? "none")) to list crasher again after it joined again",
                   observed: last.map { "\($0.message)" } ?? "no answer", trace: sim.trace)
        _ = try RegistryOracle.check(sim, ttl: config.ttl)
    }

    /// Exercise 2.1 under faults: lost heartbeats, peers crashing for good or for a while, a late joiner, a
    /// download, a tracker restart. The oracle checks that results list exactly the live holders.
    static func expiresUnderFaults<T: TrackerNode>(_ tracker: T.Type, seed: UInt64) throws(ScenarioFailure) {
        var random = SeededRandom(seed: seed, stream: "script")
        let config = TrackerConfig(ttl: .seconds(2))
        let sim = VideoSimulation(seed: seed, faults: .lossy(0.2, duplicateRate: 0.2, delay: .milliseconds(1)...(.milliseconds(80))))
        sim.add("tracker") { T(config: config) }
        for number in 1...6 {
            var files = catalog.filter { _ in random.chance(0.4) }
            if files.isEmpty { files = [catalog[number % catalog.count]] }
            var script = [Step(time: randomTime(number == 4 ? 5_000...7_000 : 0...1_000, &random), message: .join(address: address(number), files: files))]
            if number == 5 { script.append(Step(time: randomTime(3_000...9_000, &random), message: .update(catalog[Int.random(in: 0..<catalog.count, using: &random)]))) }
            sim.add(NodeID("peer-\(number)")) { ProbePeer(script: script, heartbeat: .milliseconds(600), rejoins: true) }
        }
        for number in 1...2 {
            let crash = randomTime(2_000...3_500, &random)
            sim.schedule(at: crash) { $0.crash(NodeID("peer-\(number)")) }
        }
        let crash = randomTime(2_000...4_000, &random)
        sim.schedule(at: crash) { $0.crash("peer-3") }
        sim.schedule(at: crash + randomTime(3_500...5_000, &random)) { $0.restart("peer-3") }
        let trackerCrash = randomTime(6_000...8_000, &random)
        sim.schedule(at: trackerCrash) { $0.crash("tracker") }
        sim.schedule(at: trackerCrash + randomTime(200...1_000, &random)) { $0.restart("tracker") }
        let texts = ["", "bunny", "of", "MKV"]
        let searches = (0..<92).map { Step(time: .milliseconds(200 + 150 * $0), message: .search(requestID: UInt32($0 + 1), text: texts[$0 % texts.count])) }
        sim.add("searcher") { ProbePeer(script: searches) }
        try sim.grade(until: .seconds(14))
        let coverage = try RegistryOracle.check(sim, ttl: config.ttl)
        try expect(coverage.expiredLeftOut > 0, "the run to leave expired peers out of some results",
                   observed: "\(coverage.searches) searches, none with an expired peer to leave out", trace: sim.trace)
    }
}
