import VideoKit

extension TrackerScenarios {
    /// Exercise 2.2: JOIN on start, retried every `retry` while the stub leaves the first JOINs unanswered;
    /// `.joined` reported once despite duplicated JOINED; then heartbeats every ttl/3.
    static func joinsAndHeartbeats<A: PeerAgentNode>(_ agent: A.Type, seed: UInt64) throws(ScenarioFailure) {
        let ttl = Duration.seconds(3), end = Duration.seconds(10)
        let config = PeerAgentConfig(address: address(7), files: [bunny, sintel], retry: .milliseconds(500))
        let sim = VideoSimulation(seed: seed, faults: FaultPlan(duplicateRate: 0.3, delay: .milliseconds(1)...(.milliseconds(20))))
        sim.add("tracker") { StubTracker(ttl: ttl, unansweredJoins: 2) }
        sim.add("peer") { A(config: config) }
        try sim.grade(until: end)

        let sent = sim.messages.filter { $0.event == .sent && $0.from == "peer" }
        let join = TrackerMessage.join(address: config.address, files: config.files)
        guard let joinedAt = sim.messages.first(where: { $0.event == .received && $0.to == "peer" && $0.message == .joined(ttl: ttl) })?.time else {
            throw ScenarioFailure(.wrong(expected: "the agent to send \(join) again every \(config.retry) until the tracker answers (it answers the third)",
                                         observed: "no JOINED by \(time(end)); the agent sent \(describe(sent))"), trace: sim.trace)
        }
        let joins = sent.filter { $0.time <= joinedAt }
        try expect(joins.first?.time == .zero && joins.allSatisfy { $0.message == join },
                   "only \(join), the first on start, until JOINED arrived at \(time(joinedAt))", observed: describe(joins), trace: sim.trace)
        for (earlier, later) in zip(joins, joins.dropFirst()) {
            try expect(later.time - earlier.time == config.retry, "JOIN tries exactly \(config.retry) apart",
                       observed: "tries at \(time(earlier.time)) and \(time(later.time))", trace: sim.trace)
        }
        let joined = sim.deliveries.filter { $0.node == "peer" }
        try expect(joined.map(\.output) == [.joined(ttl: ttl)] && joined.first?.time == joinedAt,
                   "exactly one .joined(ttl: \(ttl)), reported when JOINED arrived at \(time(joinedAt)) (copies of JOINED change nothing)",
                   observed: joined.map { "\($0.output) at \(time($0.time))" }.joined(separator: ", "), trace: sim.trace)
        let after = sent.filter { $0.time > joinedAt }
        try expect(after.allSatisfy { $0.message == .heartbeat }, "only HEARTBEATs once joined", observed: describe(after), trace: sim.trace)
        try checkHeartbeats(after.map(\.time), from: joinedAt, until: end, ttl: ttl, trace: sim.trace)
    }

    /// Exercise 2.2: searches under loss, copies and delays longer than the retry: each is retried, gets a
    /// fresh request ID, and is reported exactly once, with the hits of its own answer.
    static func searchesOnce<A: PeerAgentNode>(_ agent: A.Type, seed: UInt64) throws(ScenarioFailure) {
        var random = SeededRandom(seed: seed, stream: "script")
        let config = PeerAgentConfig(address: address(7), files: [bunny], retry: .milliseconds(300))
        let sim = VideoSimulation(seed: seed, faults: .lossy(0.25, duplicateRate: 0.25, delay: .milliseconds(1)...(.milliseconds(400))))
        sim.add("tracker") { StubTracker(ttl: .seconds(3)) }
        let peer = sim.add("peer") { A(config: config) }
        let texts = ["bunny", "Sintel", "", "bunny", "zzz", "Tears"]
        for (index, text) in texts.enumerated() {
            sim.schedule(at: .milliseconds(200 + 300 * index) + randomTime(0...400, &random)) { $0.command(.search(text), to: peer) }
        }
        let results = { (sim: VideoSimulation) in
            sim.deliveries.compactMap { delivery -> (query: String, hits: [SearchHit], more: Bool)? in
                guard case let .results(query, hits, more) = delivery.output else { return nil }
                return (query, hits, more)
            }
        }
        try sim.grade(until: { results($0).count >= texts.count }, deadline: .seconds(60))
        try sim.grade(until: sim.now + .seconds(3))  // Late copies of RESULTS must change nothing.

        let reported = results(sim)
        let summary = reported.map { "\"\($0.query)\"" }.joined(separator: ", ")
        try expect(reported.count == texts.count, "\(texts.count) searches reported, one each", observed: "\(reported.count): \(summary)", trace: sim.trace)
        for text in Set(texts).sorted() {
            let asked = texts.filter { $0 == text }.count, got = reported.filter { $0.query == text }
            try expect(got.count == asked, "\"\(text)\" asked \(asked) time(s), reported as often", observed: "reported \(got.count) time(s): \(summary)", trace: sim.trace)
            for answer in got {
                try expect(answer.hits == StubTracker.hits(for: text), "\"\(text)\" reported with its own hits: \(show(StubTracker.hits(for: text)))",
                           observed: show(answer.hits), trace: sim.trace)
                try expect(answer.more == StubTracker.more(for: text), "\"\(text)\" reported with its answer's more = \(StubTracker.more(for: text))",
                           observed: "more = \(answer.more)", trace: sim.trace)
            }
        }
        var tries: [UInt32: [MessageRecord<TrackerMessage>]] = [:]
        for record in sim.messages where record.event == .sent && record.from == "peer" {
            if case let .search(requestID, _) = record.message { tries[requestID, default: []].append(record) }
        }
        try expect(tries.count == texts.count, "a fresh request ID for each of the \(texts.count) searches",
                   observed: "\(tries.count) request ID(s): \(tries.keys.sorted())", trace: sim.trace)
        for (requestID, sends) in tries.sorted(by: { $0.key < $1.key }) {
            try expect(sends.allSatisfy { $0.message == sends[0].message }, "every try of search #\(requestID) to repeat the same SEARCH",
                       observed: describe(sends), trace: sim.trace)
            for (earlier, later) in zip(sends, sends.dropFirst()) {
                let gap = later.time - earlier.time
                try expect(gap >= config.retry && gap <= config.retry * 2, "tries of search #\(requestID) every \(config.retry)",
                           observed: "tries at \(time(earlier.time)) and \(time(later.time))", trace: sim.trace)
            }
            let answered = sim.messages.first { record in
                guard record.event == .received, record.to == "peer", case let .results(id, _, _) = record.message else { return false }
                return id == requestID
            }
            let late = sends.first { answered != nil && $0.time > answered!.time }
            try expect(late == nil, "no try of search #\(requestID) after its RESULTS arrived at \(answered.map { time($0.time) } ?? "?")",
                       observed: late.map { "\($0.message) at \(time($0.time))" } ?? "", trace: sim.trace)
        }
    }

    /// Exercise 2.2: the tracker crashes and restarts empty; the agent hears UNKNOWN-PEER, joins again with
    /// every file it holds (one downloaded before the crash), reports `.joined` again, and keeps the tracker
    /// informed of a file downloaded after. 20 % loss, save three short loss-free spells.
    static func rejoinsAfterTrackerRestart<A: PeerAgentNode>(_ agent: A.Type, seed: UInt64) throws(ScenarioFailure) {
        var random = SeededRandom(seed: seed, stream: "script")
        let ttl = Duration.seconds(3), end = Duration.seconds(15)
        let config = PeerAgentConfig(address: address(7), files: [bunny, sintel], retry: .milliseconds(400))
        let lossy = FaultPlan.lossy(0.2, duplicateRate: 0.2, delay: .milliseconds(1)...(.milliseconds(50)))
        let sim = VideoSimulation(seed: seed, faults: lossy)
        sim.add("tracker") { StubTracker(ttl: ttl) }
        let peer = sim.add("peer") { A(config: config) }
        let firstDownload = Duration.seconds(2), secondDownload = randomTime(7_000...8_000, &random)
        sim.schedule(at: firstDownload) { $0.command(.announce(tears), to: peer) }
        sim.schedule(at: secondDownload) { $0.command(.announce(lecture), to: peer) }
        let crash = randomTime(3_000...5_000, &random), restart = crash + randomTime(500...1_500, &random)
        sim.schedule(at: crash) { $0.crash("tracker") }
        sim.schedule(at: restart) { $0.restart("tracker") }
        // Loss-free spells where the checks below need progress, so no run of losses can stall a right agent:
        // the first join; the first heartbeat after the restart (ttl/3 = 1 s), its UNKNOWN-PEER and the JOIN
        // again; the first heartbeat after the second download, carrying its UPDATE. Lossy everywhere else.
        let quiet = FaultPlan(duplicateRate: lossy.duplicateRate, delay: lossy.delay)
        let spells: [Range<Duration>] = [.zero..<(.seconds(1)), restart..<(restart + .milliseconds(1_500)),
                                          secondDownload..<(secondDownload + .milliseconds(1_200))]
        for spell in spells {
            sim.schedule(at: spell.lowerBound) { $0.faults = quiet }
            sim.schedule(at: spell.upperBound) { sim in
                if !spells.contains(where: { $0.contains(spell.upperBound) }) { sim.faults = lossy }
            }
        }
        try sim.grade(until: end)

        let sent = sim.messages.filter { $0.event == .sent && $0.from == "peer" }
        for record in sent {
            guard case let .join(address, files) = record.message else { continue }
            var holds = Set(config.files)
            if record.time > firstDownload { holds.insert(tears) }
            if record.time > secondDownload { holds.insert(lecture) }
            let atDownload = record.time == firstDownload || record.time == secondDownload
            try expect(address == config.address && (Set(files) == holds || atDownload),
                       "JOIN at \(time(record.time)) to list \(config.address) and every file held then: \(holds.map(\.name).sorted())",
                       observed: "\(record.message)", trace: sim.trace)
        }
        let joined = sim.deliveries.filter { $0.node == "peer" && $0.output == .joined(ttl: ttl) }.map(\.time)
        let times = joined.map(time).joined(separator: ", ")
        try expect(joined.count >= 2 && joined[0] < crash && joined.last! > restart,
                   "joined reported before the tracker crashed (\(time(crash))) and again after it restarted (\(time(restart)))",
                   observed: "joined at \(times)", trace: sim.trace)
        let unknown = sim.messages.filter { $0.event == .received && $0.to == "peer" && $0.message == .unknownPeer }.map(\.time)
        for (earlier, later) in zip(joined, joined.dropFirst()) {
            try expect(unknown.contains { $0 > earlier && $0 <= later }, "joined reported once per (re)join: an UNKNOWN-PEER between two reports",
                       observed: "joined at \(time(earlier)) and \(time(later)) with no UNKNOWN-PEER between", trace: sim.trace)
        }
        let heard = sim.messages.filter { $0.event == .received && $0.to == "tracker" && $0.from == "peer" && $0.time > restart }
        let relearned = heard.contains { if case let .join(_, files) = $0.message { files.contains(tears) } else { false } }
        try expect(relearned, "the restarted tracker to receive a JOIN listing \(tears.name), downloaded before the crash",
                   observed: describe(heard.filter { if case .join = $0.message { true } else { false } }), trace: sim.trace)
        let told = heard.contains { record in
            guard record.time > secondDownload else { return false }
            if case let .join(_, files) = record.message { return files.contains(lecture) }
            return record.message == .update(lecture)
        }
        try expect(told, "the tracker to learn of \(lecture.name), downloaded at \(time(secondDownload)), by UPDATE (or a JOIN listing it) despite 20 % loss",
                   observed: "not by \(time(end))", trace: sim.trace)
        // Heartbeats, or the UPDATEs that stand for them; the UPDATE sent on the download itself is not one.
        let alive = sent.filter { $0.time > joined.last! && $0.time != secondDownload && ($0.message == .heartbeat || isUpdate($0.message)) }.map(\.time)
        try checkHeartbeats(alive, from: joined.last!, until: end, ttl: ttl, trace: sim.trace)
    }

    /// Exercise 2.2: a file downloaded while joined reaches the tracker despite loss; after `.leave`, one
    /// LEAVE and no more JOIN, HEARTBEAT or UPDATE; a search still works.
    ///
    /// The UPDATE sent on the download is always lost (a partition while it flies), so only an agent that sends
    /// it again gets it through; the second before the leave is free of loss, so a heartbeat (every ttl/3 = 1 s)
    /// falls in it and its UPDATE arrives whatever the earlier losses were.
    static func announcesAndLeaves<A: PeerAgentNode>(_ agent: A.Type, seed: UInt64) throws(ScenarioFailure) {
        let config = PeerAgentConfig(address: address(7), files: [bunny], retry: .milliseconds(400))
        let lossy = FaultPlan.lossy(0.2, delay: .milliseconds(1)...(.milliseconds(30)))
        let sim = VideoSimulation(seed: seed, faults: lossy)
        sim.add("tracker") { StubTracker(ttl: .seconds(3)) }
        let peer = sim.add("peer") { A(config: config) }
        let download = Duration.seconds(2), leave = Duration.seconds(6)
        sim.schedule(at: download) { $0.command(.announce(tears), to: peer) }
        sim.schedule(at: download) { $0.partition([["peer"], ["tracker"]]) }
        sim.schedule(at: download + lossy.delay.upperBound + .milliseconds(1)) { $0.heal() }
        sim.schedule(at: leave - .seconds(1)) { $0.faults = FaultPlan(delay: lossy.delay) }
        sim.schedule(at: leave) { $0.command(.leave, to: peer) }
        sim.schedule(at: leave) { $0.faults = lossy }
        sim.schedule(at: .seconds(7)) { $0.command(.search("bunny"), to: peer) }
        try sim.grade(until: .seconds(12))

        let told = sim.messages.contains { record in
            guard record.event == .received, record.to == "tracker", record.time > download, record.time <= leave else { return false }
            if case let .join(_, files) = record.message { return files.contains(tears) }
            return record.message == .update(tears)
        }
        try expect(told, "the tracker to learn of \(tears.name), downloaded at \(time(download)), before the peer leaves at \(time(leave)) (UPDATE has no answer: send it again)",
                   observed: "neither UPDATE nor JOIN listing it arrived", trace: sim.trace)
        let sent = sim.messages.filter { $0.event == .sent && $0.from == "peer" }
        let leaves = sent.filter { $0.message == .leave }
        try expect(leaves.count == 1 && leaves[0].time == leave, "one LEAVE, sent at \(time(leave))", observed: describe(leaves), trace: sim.trace)
        let after = sent.filter { record in
            guard record.time >= leave else { return false }
            if case .search = record.message { return false }
            return record.message != .leave
        }
        try expect(after.isEmpty, "no JOIN, HEARTBEAT or UPDATE after leaving", observed: describe(after), trace: sim.trace)
        let reported = sim.deliveries.filter { $0.node == "peer" && $0.time > leave }.map(\.output)
        try expect(reported == [.results(query: "bunny", hits: StubTracker.hits(for: "bunny"), more: false)], "the search after leaving reported once",
                   observed: reported.map(\.description).joined(separator: "; "), trace: sim.trace)
    }

    /// Checks that the agent spoke to the tracker at least every ttl/3 from `start` to `end`, and at most
    /// every ttl/4 (several messages at one instant count as one heartbeat).
    static func checkHeartbeats(_ times: [Duration], from start: Duration, until end: Duration, ttl: Duration,
                                trace: [TraceEvent]) throws(ScenarioFailure) {
        var instants: [Duration] = []
        for time in times where instants.last != time { instants.append(time) }
        let shown = instants.map(time).joined(separator: ", ")
        var previous = start
        for instant in instants + [end] {
            try expect(instant - previous <= ttl / 3, "a heartbeat at least every ttl/3 = \(ttl / 3) from \(time(start)) on",
                       observed: "nothing between \(time(previous)) and \(time(instant)) (heartbeats at \(shown))", trace: trace)
            if previous != start && instant != end {
                try expect(instant - previous >= ttl / 4, "heartbeats about ttl/3 = \(ttl / 3) apart, not more often",
                           observed: "at \(time(previous)) and \(time(instant))", trace: trace)
            }
            previous = instant
        }
    }

    static func isUpdate(_ message: TrackerMessage) -> Bool {
        if case .update = message { true } else { false }
    }

    /// Messages as a failure shows them: `JOIN … at 0.0 s, …`.
    static func describe(_ records: [MessageRecord<TrackerMessage>]) -> String {
        records.isEmpty ? "nothing" : records.map { "\($0.message) at \(time($0.time))" }.joined(separator: ", ")
    }
}
