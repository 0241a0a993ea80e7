import VideoKit

extension TrackerScenarios {
    /// A search the searcher sends at a chosen time, and the exact answer a correct tracker gives then.
    struct ExpectedSearch {
        var requestID: UInt32
        var at: Int
        var text: String
        var hits: [SearchHit]
    }

    /// Exercise 1.2: exact answers at chosen times, with files in several cases and cuts, a re-JOIN, an UPDATE
    /// after a download, an UPDATE from a stranger and a LEAVE.
    static func answersSearchesExactly<T: TrackerNode>(_ tracker: T.Type, seed: UInt64) throws(ScenarioFailure) {
        let config = TrackerConfig(ttl: .seconds(60))
        let sim = VideoSimulation(seed: seed, faults: FaultPlan(duplicateRate: 0.2, delay: .milliseconds(1)...(.milliseconds(10))))
        sim.add("tracker") { T(config: config) }
        sim.add("alice") { ProbePeer(script: steps([(100, .join(address: address(1), files: [bunny, sintel, lecture]))])) }
        sim.add("bob") {
            ProbePeer(script: steps([(100, .join(address: address(2), files: [bunny, tears])), (3000, .join(address: address(2), files: [tears]))]))
        }
        sim.add("carol") {
            ProbePeer(script: steps([(100, .join(address: address(3), files: [bunnyRecut, lowercaseBunny, lowercaseBunny])), (4000, .leave)]))
        }
        sim.add("dave") {
            ProbePeer(script: steps([(1000, .join(address: address(4), files: [])), (2000, .update(sintel)), (2100, .update(sintel))]))
        }
        sim.add("erin") { ProbePeer(script: steps([(1500, .update(elephants)), (1600, .heartbeat)])) }

        let alice = PeerContact(peer: "alice", address: address(1)), bob = PeerContact(peer: "bob", address: address(2))
        let carol = PeerContact(peer: "carol", address: address(3)), dave = PeerContact(peer: "dave", address: address(4))
        let searches = [
            ExpectedSearch(requestID: 1, at: 500, text: "bunny", hits: [hit(bunny, alice, bob), hit(bunnyRecut, carol), hit(lowercaseBunny, carol)]),
            ExpectedSearch(requestID: 2, at: 500, text: "", hits: [hit(bunny, alice, bob), hit(bunnyRecut, carol), hit(sintel, alice), hit(tears, bob),
                                                                  hit(lowercaseBunny, carol), hit(lecture, alice)]),
            ExpectedSearch(requestID: 3, at: 500, text: "mkv", hits: [hit(sintel, alice)]),
            ExpectedSearch(requestID: 4, at: 500, text: "DREAM", hits: []),
            ExpectedSearch(requestID: 5, at: 2500, text: "SINTEL", hits: [hit(sintel, alice, dave)]),
            ExpectedSearch(requestID: 6, at: 2500, text: "dream", hits: []),
            ExpectedSearch(requestID: 7, at: 3500, text: "bunny", hits: [hit(bunny, alice), hit(bunnyRecut, carol), hit(lowercaseBunny, carol)]),
            ExpectedSearch(requestID: 8, at: 4500, text: "BUNNY", hits: [hit(bunny, alice)]),
            ExpectedSearch(requestID: 9, at: 4500, text: "", hits: [hit(bunny, alice), hit(sintel, alice, dave), hit(tears, bob), hit(lecture, alice)]),
            ExpectedSearch(requestID: 10, at: 4500, text: " (intro)", hits: [hit(lecture, alice)]),
        ].map { search in
            var sorted = search
            sorted.hits.sort { ($0.file.name, $0.file.contentID) < ($1.file.name, $1.file.contentID) }  // Ties of name by content ID.
            return sorted
        }
        sim.add("searcher") { ProbePeer(script: searches.map { Step(time: .milliseconds($0.at), message: .search(requestID: $0.requestID, text: $0.text)) }) }
        try sim.grade(until: .seconds(5))

        for search in searches {
            let answers = sim.messages.filter { record in
                guard record.event == .sent, record.from == "tracker", case let .results(requestID, _, _) = record.message else { return false }
                return requestID == search.requestID
            }
            let what = "RESULTS #\(search.requestID) for \"\(search.text)\" at \(time(.milliseconds(search.at)))"
            try expect(!answers.isEmpty, "the tracker to answer with \(what)", observed: "no RESULTS #\(search.requestID) sent", trace: sim.trace)
            let expected = TrackerMessage.results(requestID: search.requestID, capping: search.hits)
            for answer in answers {
                guard case let .results(_, hits, _) = answer.message else { continue }
                try expect(answer.message == expected, "\(what): \(show(search.hits))", observed: show(hits), trace: sim.trace)
            }
        }
        _ = try RegistryOracle.check(sim, ttl: config.ttl)
    }

    /// Exercise 1.2 under faults: searches every 100 ms while peers join, download, re-join, leave and the
    /// tracker restarts, over a lossy network. Every answer is checked by the oracle.
    static func answersSearchesUnderFaults<T: TrackerNode>(_ tracker: T.Type, seed: UInt64) throws(ScenarioFailure) {
        var random = SeededRandom(seed: seed, stream: "script")
        let config = TrackerConfig(ttl: .seconds(60))
        let sim = VideoSimulation(seed: seed, faults: .lossy(0.25, duplicateRate: 0.15, delay: .milliseconds(1)...(.milliseconds(60))))
        sim.add("tracker") { T(config: config) }
        for number in 1...6 {
            let files = { (random: inout SeededRandom) in
                let some = catalog.filter { _ in random.chance(0.4) }
                return some.isEmpty ? [catalog[number % catalog.count]] : some
            }
            var script = [Step(time: randomTime(number == 6 ? 6_000...8_000 : 0...1_500, &random),
                               message: .join(address: address(number), files: files(&random)))]
            for _ in 0..<Int.random(in: 0...2, using: &random) {
                script.append(Step(time: randomTime(1_000...10_000, &random), message: .update(catalog[Int.random(in: 0..<catalog.count, using: &random)])))
            }
            if number == 2 { script.append(Step(time: randomTime(3_000...8_000, &random), message: .join(address: address(12), files: files(&random)))) }
            if number == 3 { script.append(Step(time: randomTime(5_000...9_000, &random), message: .leave)) }
            script.sort { $0.time < $1.time }
            sim.add(NodeID("peer-\(number)")) { ProbePeer(script: script, heartbeat: .seconds(1), rejoins: true) }
        }
        let texts = ["bunny", "", "MKV", "of", "dream", "zzz", "LECTURE", "Big Buck"]
        let searches = (0..<118).map { index in
            Step(time: .milliseconds(200 + 100 * index), message: .search(requestID: UInt32(index + 1), text: texts[index % texts.count]))
        }
        sim.add("searcher") { ProbePeer(script: searches) }
        let crash = randomTime(3_000...5_000, &random)
        sim.schedule(at: crash) { $0.crash("tracker") }
        sim.schedule(at: crash + randomTime(300...1_000, &random)) { $0.restart("tracker") }
        try sim.grade(until: .milliseconds(12_500))
        let coverage = try RegistryOracle.check(sim, ttl: config.ttl)
        try expect(coverage.searches >= 40 && coverage.holdersListed > 0, "the run to check at least 40 searches with some hits",
                   observed: "\(coverage.searches) searches, \(coverage.holdersListed) holders listed", trace: sim.trace)
    }

    /// A search hit: `file` held by `holders`, in the order given.
    static func hit(_ file: SharedFile, _ holders: PeerContact...) -> SearchHit {
        SearchHit(file: file, holders: holders)
    }
}
