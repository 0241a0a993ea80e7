import VideoKit

extension TrackerScenarios {
    /// The tracker's spec as a checker: replays a finished run's trace and requires that the tracker answered
    /// every message it received exactly as a correct tracker must, to its sender, and sent nothing else.
    ///
    /// It keeps its own registry from what reached the tracker (a tracker crash empties it). A peer heard
    /// within the ttl must be known and listed; one silent for longer than the ttl must not be listed; one
    /// silent for longer than `ttl + sweepPeriod` must be unknown. In between, the sweep may or may not have run:
    /// the oracle accepts either answer to a HEARTBEAT or UPDATE and follows the one the tracker gave.
    /// Graded searchers never join, so a search never decides such a case.
    struct RegistryOracle {
        /// A registered peer, as the oracle sees it.
        struct Entry {
            var address: String
            var files: [SharedFile]
            var lastHeard: Duration
        }

        /// What a run exercised, so that a scenario can make sure it tested what it grades.
        struct Coverage {
            /// Searches checked.
            var searches = 0
            /// Holders listed in those answers, counted once per hit.
            var holdersListed = 0
            /// Times a registered peer's matching file had to be left out because the peer was silent too long.
            var expiredLeftOut = 0
            /// Times a peer silent for longer than `ttl + sweepPeriod` had to be answered UNKNOWN-PEER.
            var forgottenAnswered = 0
        }

        /// Whether the sender of a message is registered when it arrives.
        enum Membership { case known, unknown, forgotten, maybeSwept }

        let tracker: NodeID
        let ttl: Duration
        let sweepPeriod: Duration
        var registry: [NodeID: Entry] = [:]
        var coverage = Coverage()

        /// Checks every answer of `tracker` in `sim`'s trace; returns what the run exercised.
        static func check(_ sim: VideoSimulation, tracker: NodeID = "tracker", ttl: Duration) throws(ScenarioFailure) -> Coverage {
            var oracle = RegistryOracle(tracker: tracker, ttl: ttl, sweepPeriod: ttl / 2)
            var sent: [Int: TrackerMessage] = [:]
            for record in sim.messages where record.event == .sent { sent[record.messageID] = record.message }
            let trace = sim.trace
            var index = 0
            while index < trace.count {
                let event = trace[index]
                index += 1
                guard event.node == tracker else { continue }
                switch event.kind {
                case .crash:
                    oracle.registry = [:]
                case .receive:
                    guard let id = event.messageID, let message = sent[id], let sender = event.peer else { continue }
                    var replies: [(to: NodeID, message: TrackerMessage)] = []
                    // The events of the same handler follow the receive, all at the tracker.
                    while index < trace.count, trace[index].node == tracker,
                          [.send, .drop, .duplicate, .log, .timerSet, .deliver].contains(trace[index].kind) {
                        if trace[index].kind == .send, let to = trace[index].peer, let reply = trace[index].messageID.flatMap({ sent[$0] }) {
                            replies.append((to, reply))
                        }
                        index += 1
                    }
                    try oracle.received(message, from: sender, at: event.time, replies: replies, trace: trace)
                case .send:
                    throw ScenarioFailure(.wrong(
                        expected: "the tracker to send messages only in answer to one it received",
                        observed: "at \(time(event.time)) it sent \(event.detail) to \(event.peer?.description ?? "?") on its own (from a timer or on start)"),
                        trace: trace)
                default:
                    break
                }
            }
            return oracle.coverage
        }

        /// Checks the tracker's `replies` to `message` from `sender` at `now`, and updates the registry.
        mutating func received(_ message: TrackerMessage, from sender: NodeID, at now: Duration,
                               replies: [(to: NodeID, message: TrackerMessage)], trace: [TraceEvent]) throws(ScenarioFailure) {
            let (membership, why) = membership(of: sender, at: now)
            let context = "on receiving \(message) from \(sender) at \(time(now)) (\(why))"
            let stray = replies.first { $0.to != sender }
            try expect(stray == nil, "the tracker, \(context), to answer \(sender) only",
                       observed: stray.map { "\($0.message) sent to \($0.to)" } ?? "", trace: trace)
            let answers = replies.map(\.message)
            let observed = answers.isEmpty ? "no answer" : answers.map(\.description).joined(separator: ", ")

            switch message {
            case let .join(address, files):
                registry[sender] = Entry(address: address, files: files, lastHeard: now)
                try expect(answers == [.joined(ttl: ttl)], "the tracker, \(context), to answer exactly JOINED ttl=\(ttl)",
                           observed: observed, trace: trace)
            case .heartbeat, .update:
                let forgot = membership == .unknown || membership == .forgotten || (membership == .maybeSwept && answers == [.unknownPeer])
                if forgot {
                    registry[sender] = nil
                    if membership == .forgotten { coverage.forgottenAnswered += 1 }
                    try expect(answers == [.unknownPeer], "the tracker, \(context), to answer exactly UNKNOWN-PEER",
                               observed: observed, trace: trace)
                } else {
                    registry[sender]?.lastHeard = now
                    if case let .update(file) = message, registry[sender]?.files.contains(file) == false { registry[sender]?.files.append(file) }
                    let either = membership == .maybeSwept ? " (or UNKNOWN-PEER, had the sweep forgotten \(sender))" : ""
                    try expect(answers.isEmpty, "the tracker, \(context), not to answer\(either)", observed: observed, trace: trace)
                }
            case .leave:
                registry[sender] = nil
                try expect(answers.isEmpty, "the tracker, \(context), not to answer", observed: observed, trace: trace)
            case let .search(requestID, text):
                if membership == .known { registry[sender]?.lastHeard = now }
                try checkResults(answers, requestID: requestID, text: text, at: now, context: context, trace: trace)
            case .joined, .results, .unknownPeer, .refused:
                if membership == .known { registry[sender]?.lastHeard = now }
                try expect(answers.isEmpty, "the tracker, \(context), not to answer", observed: observed, trace: trace)
            }
        }

        /// Whether `peer` is registered at `now`, and why, in words; forgets it when it must be forgotten.
        mutating func membership(of peer: NodeID, at now: Duration) -> (Membership, String) {
            guard let entry = registry[peer] else { return (.unknown, "\(peer) is not registered") }
            let silence = now - entry.lastHeard
            if silence <= ttl { return (.known, "\(peer) is registered, last heard at \(time(entry.lastHeard))") }
            if silence > ttl + sweepPeriod {
                registry[peer] = nil
                return (.forgotten, "\(peer) was silent since \(time(entry.lastHeard)), longer than ttl \(ttl) + sweep period \(sweepPeriod): forgotten")
            }
            return (.maybeSwept, "\(peer) was silent since \(time(entry.lastHeard)), longer than the ttl: expired, perhaps not yet swept")
        }

        /// Checks the answer to one search: exactly one RESULTS with the same request ID and the right hits.
        mutating func checkResults(_ answers: [TrackerMessage], requestID: UInt32, text: String, at now: Duration,
                                   context: String, trace: [TraceEvent]) throws(ScenarioFailure) {
            coverage.searches += 1
            let strict = hits(for: text, at: now, boundaryIsLive: false)
            let lenient = hits(for: text, at: now, boundaryIsLive: true)
            let live = registry.sorted { $0.key < $1.key }.filter { now - $0.value.lastHeard <= ttl }
            let registered = live.isEmpty ? "no live peer" : "live: " + live.map { "\($0.key)@\($0.value.address) [\($0.value.files.map(\.name).joined(separator: ", "))]" }.joined(separator: "; ")
            guard answers.count == 1, case let .results(answeredID, observed, _) = answers[0], answeredID == requestID else {
                throw ScenarioFailure(.wrong(
                    expected: "the tracker, \(context), to answer exactly one RESULTS #\(requestID)",
                    observed: answers.isEmpty ? "no answer" : answers.map(\.description).joined(separator: ", ")), trace: trace)
            }
            let capped = [strict, lenient].map { TrackerMessage.results(requestID: requestID, capping: $0) }
            try expect(capped.contains(answers[0]),
                       "the tracker, \(context), to answer RESULTS #\(requestID) with \(show(strict))\n  (\(registered))",
                       observed: show(observed), trace: trace)
            coverage.holdersListed += observed.reduce(0) { $0 + $1.holders.count }
            let needle = text.lowercased()
            coverage.expiredLeftOut += registry.values.filter { entry in
                now - entry.lastHeard > ttl && entry.files.contains { needle.isEmpty || $0.name.lowercased().contains(needle) }
            }.count
        }

        /// The hits a correct tracker lists for `text` at `now`. A peer heard exactly `ttl` ago is a tie that
        /// either side of the comparison may take.
        func hits(for text: String, at now: Duration, boundaryIsLive: Bool) -> [SearchHit] {
            let needle = text.lowercased()
            var hits: [SearchHit] = []
            for (peer, entry) in registry.sorted(by: { $0.key < $1.key }) {
                let silence = now - entry.lastHeard
                guard silence < ttl || (boundaryIsLive && silence == ttl) else { continue }
                let contact = PeerContact(peer: peer, address: entry.address)
                for file in entry.files where needle.isEmpty || file.name.lowercased().contains(needle) {
                    if let index = hits.firstIndex(where: { $0.file.name == file.name && $0.file.contentID == file.contentID }) {
                        if !hits[index].holders.contains(contact) { hits[index].holders.append(contact) }
                    } else {
                        hits.append(SearchHit(file: file, holders: [contact]))
                    }
                }
            }
            return hits.sorted { ($0.file.name, $0.file.contentID) < ($1.file.name, $1.file.contentID) }
        }
    }
}
