import LabKit
import Testing

@Suite struct SimulationTests {
    // MARK: Replay

    /// Six gossiping nodes on a lossy, duplicating, reordering network, with a crash, a restart and a partition.
    static func gossipRun(seed: UInt64) throws -> Simulation<GossipMessage, UInt64> {
        let sim = Simulation<GossipMessage, UInt64>(seed: seed, faults: .lossy(0.2, duplicateRate: 0.1, delay: .milliseconds(1)...(.milliseconds(30))))
        let ids: [NodeID] = (1...6).map { NodeID("n\($0)") }
        for (index, id) in ids.enumerated() {
            sim.add(id) { Gossip(peers: ids.filter { $0 != id }, rumor: UInt64(index + 1) * 1_000) }
        }
        sim.schedule(at: .milliseconds(40)) { $0.crash("n2") }
        sim.schedule(at: .milliseconds(60)) { $0.partition([["n1", "n3"], ["n4", "n5", "n6"]]) }
        sim.schedule(at: .milliseconds(90)) { $0.restart("n2") }
        sim.schedule(at: .milliseconds(120)) { $0.heal() }
        try sim.run(until: .seconds(2))
        return sim
    }

    @Test("the same seed replays the same trace, event for event, and the same deliveries", arguments: [1, 7, 42, 2_024] as [UInt64])
    func sameSeedSameRun(seed: UInt64) throws {
        let first = try Self.gossipRun(seed: seed), second = try Self.gossipRun(seed: seed)

        // The run must be rich enough for the comparison to mean something.
        let kinds = Set(first.trace.map(\.kind))
        for kind: TraceEvent.Kind in [.send, .receive, .drop, .duplicate, .timerFired, .deliver, .crash, .restart, .partition, .heal] {
            #expect(kinds.contains(kind), "seed \(seed): the run has no \(kind) event")
        }

        #expect(first.trace.count == second.trace.count, "seed \(seed)")
        if let index = zip(first.trace.indices, second.trace.indices).first(where: { first.trace[$0] != second.trace[$1] })?.0 {
            Issue.record("seed \(seed): traces diverge at event \(index): \(first.trace[index]) vs \(second.trace[index])")
        }
        #expect(first.trace == second.trace, "seed \(seed)")
        #expect(first.deliveries.map { "\($0.time) \($0.node) \($0.output)" } == second.deliveries.map { "\($0.time) \($0.node) \($0.output)" },
                "seed \(seed)")
        #expect(first.messages.map { "\($0.time) \($0.event) \($0.from)→\($0.to) \($0.message) #\($0.messageID)" }
                == second.messages.map { "\($0.time) \($0.event) \($0.from)→\($0.to) \($0.message) #\($0.messageID)" }, "seed \(seed)")
        #expect(first.stats == second.stats, "seed \(seed)")
        #expect(first.now == second.now, "seed \(seed)")
        for id in first.nodeIDs { #expect(first.storage(of: id) == second.storage(of: id), "seed \(seed): storage of \(id)") }
    }

    @Test("different seeds give different runs under faults")
    func differentSeedsDiffer() throws {
        let seeds: [UInt64] = [1, 2, 3, 4, 5]
        let runs = try seeds.map { try Self.gossipRun(seed: $0) }
        for i in runs.indices {
            for j in runs.indices where j > i {
                #expect(runs[i].trace != runs[j].trace, "seeds \(seeds[i]) and \(seeds[j]) gave the same trace")
                #expect(runs[i].stats != runs[j].stats || runs[i].deliveries.map(\.time) != runs[j].deliveries.map(\.time),
                        "seeds \(seeds[i]) and \(seeds[j]) dropped, copied and delivered alike")
            }
        }
    }

    // MARK: Network faults

    /// 1,000 messages per batch, a batch a millisecond (100 batches: 100,000 messages), so the event queue stays
    /// small. Tracing is off: only counts matter.
    static func blast(seed: UInt64, faults: FaultPlan, batches: Int = 100) throws -> (sim: Simulation<UInt64, Seen>, sink: NodeHandle<Sink>) {
        let sim = Simulation<UInt64, Seen>(seed: seed, faults: faults, tracing: false)
        let sender = sim.add("sender") { Puppet() }
        let sink = sim.add("sink") { Sink() }
        for batch in 0..<batches {
            let values = (0..<1_000).map { UInt64(batch * 1_000 + $0) }
            sim.schedule(at: .milliseconds(batch)) { $0.command(.send(values, to: "sink"), to: sender) }
        }
        try sim.run(until: .seconds(10))
        return (sim, sink)
    }

    /// Over n = 100,000 messages the drop frequency has σ = √(0.3·0.7/n) ≈ 0.145 %, and the duplicate frequency
    /// among the ≈ 70,000 survivors σ = √(0.1·0.9/70,000) ≈ 0.113 %: ±1 % is about 7σ and 9σ, so a correct
    /// network never fails this, while a rate applied twice, or to the wrong set of messages, misses by > 2 %.
    @Test("drops and copies happen at their configured rates", arguments: [11, 12] as [UInt64])
    func faultRates(seed: UInt64) throws {
        let (sim, sink) = try Self.blast(seed: seed, faults: FaultPlan(dropRate: 0.3, duplicateRate: 0.1, delay: .milliseconds(1)...(.milliseconds(5))))
        let stats = sim.stats
        #expect(stats.sent == 100_000, "seed \(seed)")
        let dropRate = Double(stats.dropped) / Double(stats.sent)
        let survivors = stats.sent - stats.dropped
        let duplicateRate = Double(stats.duplicated) / Double(survivors)
        #expect(abs(dropRate - 0.3) <= 0.01, "seed \(seed): dropped \(stats.dropped) of \(stats.sent) = \(dropRate)")
        #expect(abs(duplicateRate - 0.1) <= 0.01, "seed \(seed): copied \(stats.duplicated) of \(survivors) survivors = \(duplicateRate)")
        #expect(stats.delivered == survivors + stats.duplicated, "seed \(seed): \(stats)")
        let received = try #require(sim.state(of: sink))
        #expect(received.count == stats.delivered, "seed \(seed)")
        #expect(received.copiesOf.values.allSatisfy { $0 == 1 || $0 == 2 }, "seed \(seed): a message arrived more than twice")
        #expect(received.copiesOf.values.filter { $0 == 2 }.count == stats.duplicated, "seed \(seed)")
    }

    @Test("a zero drop rate never drops and a zero duplicate rate never copies")
    func zeroRates() throws {
        let seed: UInt64 = 13
        let (sim, sink) = try Self.blast(seed: seed, faults: FaultPlan(dropRate: 0, duplicateRate: 0, delay: .milliseconds(1)...(.milliseconds(5))))
        let stats = sim.stats
        #expect(stats.sent == 100_000 && stats.delivered == 100_000 && stats.dropped == 0 && stats.duplicated == 0, "seed \(seed): \(stats)")
        let received = try #require(sim.state(of: sink))
        #expect(received.copiesOf.count == 100_000 && received.copiesOf.values.allSatisfy { $0 == 1 }, "seed \(seed)")
    }

    @Test("a drop rate of one loses everything")
    func certainDrop() throws {
        let seed: UInt64 = 14
        let (sim, sink) = try Self.blast(seed: seed, faults: FaultPlan(dropRate: 1, duplicateRate: 1), batches: 10)
        let stats = sim.stats
        #expect(stats.sent == 10_000 && stats.delivered == 0 && stats.dropped == 10_000 && stats.duplicated == 0, "seed \(seed): \(stats)")
        #expect(sim.state(of: sink)?.count == 0, "seed \(seed)")
    }

    /// Delays that each message (and each copy) took, from the typed message records.
    static func delays(_ sim: Simulation<UInt64, Seen>) -> [Duration] {
        var sentAt: [Int: Duration] = [:]
        var delays: [Duration] = []
        for record in sim.messages {
            switch record.event {
            case .sent: sentAt[record.messageID] = record.time
            case .received: delays.append(record.time - sentAt[record.messageID]!)
            }
        }
        return delays
    }

    /// 5,000 delays uniform over 37 ms: the extremes land within ~7 µs of the bounds on average (0.5 ms is ~70
    /// times that), and the mean has σ ≈ 37/√12/√5000 ≈ 0.15 ms, so ±1 ms is over 6σ.
    @Test("every delay lies in the configured range and the range is used evenly", arguments: [21, 22] as [UInt64])
    func delaysInRange(seed: UInt64) throws {
        let range = Duration.milliseconds(3)...Duration.milliseconds(40)
        let sim = Simulation<UInt64, Seen>(seed: seed, faults: FaultPlan(duplicateRate: 0.2, delay: range))
        let sender = sim.add("a") { Puppet() }
        sim.add("b") { Puppet() }
        sim.command(.send(Array(0..<5_000), to: "b"), to: sender)
        try sim.run(until: .seconds(1))
        let delays = Self.delays(sim)
        #expect(delays.count == sim.stats.delivered && delays.count > 5_000, "seed \(seed)")
        #expect(delays.allSatisfy { range.contains($0) }, "seed \(seed): delays from \(delays.min()!) to \(delays.max()!)")
        #expect(delays.min()! < .milliseconds(3.5) && delays.max()! > .milliseconds(39.5), "seed \(seed): \(delays.min()!)…\(delays.max()!)")
        let mean = delays.reduce(Duration.zero, +) / delays.count
        #expect(abs((mean - .milliseconds(21.5)).milliseconds) < 1, "seed \(seed): mean delay \(mean)")
    }

    @Test("a wide delay range reorders messages; a fixed delay keeps their order")
    func reordering() throws {
        let seed: UInt64 = 23
        func arrivalOrder(_ delay: ClosedRange<Duration>) throws -> [UInt64] {
            let sim = Simulation<UInt64, Seen>(seed: seed, faults: FaultPlan(delay: delay))
            let sender = sim.add("a") { Puppet() }
            let receiver = sim.add("b") { Puppet() }
            sim.command(.send(Array(0..<1_000), to: "b"), to: sender)
            try sim.run(until: .seconds(1))
            return try #require(sim.state(of: receiver)).received
        }
        let wide = try arrivalOrder(.milliseconds(1)...(.milliseconds(50)))
        #expect(wide.sorted() == Array(0..<1_000), "seed \(seed): every message arrives exactly once")
        let outOfOrder = zip(wide, wide.dropFirst()).filter { $0 > $1 }.count
        // Independent uniform delays put each adjacent pair out of order half the time.
        #expect(outOfOrder > 400, "seed \(seed): only \(outOfOrder) of 999 adjacent pairs arrived out of order")
        #expect(try arrivalOrder(.milliseconds(5)...(.milliseconds(5))) == Array(0..<1_000), "seed \(seed)")
    }

    // MARK: Partitions

    @Test("a partition drops exactly the messages between groups, and heal restores delivery", arguments: [
        [["a", "b"], ["c", "d"]],
        [["a"], ["b", "c"]],  // d is in no group: it forms one more group on its own
        [["a"]],  // b, c and d, in no group, stay together
        [["a", "b", "c", "d"]],
    ] as [[[NodeID]]])
    func partition(groups: [[NodeID]]) throws {
        let ids: [NodeID] = ["a", "b", "c", "d"]
        let sim = Simulation<UInt64, Seen>(seed: 31)
        let handles = ids.map { id in sim.add(id) { Puppet() } }
        func everyoneSendsToEveryone(round: UInt64) {
            for (index, handle) in handles.enumerated() {
                for peer in ids where peer != handle.id {
                    sim.command(.send([round * 100 + UInt64(index)], to: peer), to: handle)
                }
            }
        }
        func pairsReceived(round: UInt64) -> Set<String> {
            Set(sim.deliveries.compactMap { delivery in
                guard case let .received(value, sender) = delivery.output, value / 100 == round else { return nil }
                return "\(sender)→\(delivery.node)"
            })
        }
        func group(_ id: NodeID) -> Int { groups.firstIndex { $0.contains(id) }.map { $0 + 1 } ?? 0 }
        let allPairs = Set(ids.flatMap { from in ids.filter { $0 != from }.map { "\(from)→\($0)" } })
        let sameGroup = Set(ids.flatMap { from in ids.filter { $0 != from && group($0) == group(from) }.map { "\(from)→\($0)" } })

        sim.partition(groups)
        everyoneSendsToEveryone(round: 1)
        try sim.run(until: .milliseconds(10))
        #expect(pairsReceived(round: 1) == sameGroup, "groups \(groups)")
        #expect(sim.stats.dropped == allPairs.count - sameGroup.count)
        let partitionDrops = sim.trace.filter { $0.kind == .drop && $0.detail == "partitioned" }
        #expect(Set(partitionDrops.map { "\($0.node)→\($0.peer!)" }) == allPairs.subtracting(sameGroup))

        sim.heal()
        everyoneSendsToEveryone(round: 2)
        try sim.run(until: .milliseconds(20))
        #expect(pairsReceived(round: 2) == allPairs, "after heal")
        #expect(sim.stats.dropped == allPairs.count - sameGroup.count, "heal must drop nothing more")
        #expect(sim.trace.contains { $0.kind == .heal })
    }

    // MARK: Crash and restart

    @Test("a name of no node is reached where the node vouched for it, until it crashes; a node's name never moves")
    func vouchingRoutesAName() throws {
        let sim = Simulation<UInt64, UInt64>(seed: 5)
        sim.add("alice") { Skeptic(claimant: "nobody") }
        sim.add("forger") { Skeptic(claimant: "nobody") }
        sim.add("server") { Skeptic(claimant: "ghost") }
        sim.add("believer") { Skeptic(claimant: "alice") }
        sim.inject(7, from: "forger", to: "server")  // proves nothing: the server cannot reach ghost
        sim.inject(Skeptic.proof, from: "forger", to: "server")  // ghost is at the forger's
        sim.inject(Skeptic.proof, from: "forger", to: "believer")  // alice is a node: she stays where she is
        try sim.run(until: .seconds(1))
        sim.inject(Skeptic.proof, from: "alice", to: "server")  // ghost moves to alice's
        try sim.run(until: .seconds(2))
        sim.crash("server")
        sim.restart("server")
        sim.inject(Skeptic.proof, from: "forger", to: "server")  // the restarted server forgot, and learns again
        try sim.run(until: .seconds(3))
        let answers = sim.messages.filter { $0.event == .received && ["server", "believer"].contains($0.from) }.map { "\($0.from)→\($0.to)" }
        #expect(answers == ["server→forger", "believer→alice", "server→alice", "server→forger"])
    }

    @Test("a crash keeps a node's committed blobs and loses its unfinished ones; the restarted node sees the committed")
    func crashKeepsCommittedBlobs() throws {
        let sim = Simulation<UInt64, [String]>(seed: 43)
        let archivist = sim.add("a") { Archivist() }
        sim.command(.write("kept", [1, 2, 3], commit: true), to: archivist)
        sim.command(.write("unfinished", [4, 5], commit: false), to: archivist)
        try sim.run(until: .milliseconds(10))
        #expect(sim.blobs(of: "a").names == ["kept"] && sim.blobs(of: "a").partSize(of: "unfinished") == 2)

        sim.crash("a")
        #expect(sim.blobs(of: "a").names == ["kept"])
        #expect(sim.blobs(of: "a").partSize(of: "unfinished") == nil, "a crash loses the unfinished blob")
        sim.restart("a")
        try sim.run(until: .milliseconds(20))
        #expect(try sim.blobs(of: "a").read("kept", at: 0, count: 10) == [1, 2, 3])
        #expect(sim.blobs(of: "a").partSize(of: "unfinished") == nil)
        #expect(sim.deliveries.map(\.output) == [[], ["kept"]], "each start sees the committed blobs through its context")
    }

    @Test("a crash loses memory and timers, keeps persisted storage; restart runs start with that storage")
    func crashAndRestart() throws {
        let sim = Simulation<UInt64, Seen>(seed: 41)
        let a = sim.add("a") { Puppet() }
        let b = sim.add("b") { Puppet(persistsReceived: true) }
        sim.command(.send([5], to: "b"), to: a)
        sim.command(.setTimers(["wake"], after: .milliseconds(50)), to: b)  // due at 50 ms, after the crash
        sim.command(.setTimers(["old"], after: .milliseconds(60)), to: b)  // due at 60 ms, after the restart
        sim.schedule(at: .milliseconds(10)) { $0.crash("b") }
        sim.schedule(at: .milliseconds(20)) { $0.command(.send([6, 7], to: "b"), to: a) }
        try sim.run(until: .milliseconds(30))

        #expect(sim.isUp("a") && !sim.isUp("b"))
        #expect(sim.state(of: b) == nil)
        #expect(sim.storage(of: "b") == ["last": UInt64(5).encoded()])
        #expect(sim.stats.dropped == 2, "messages to a crashed node are dropped and counted")
        let downDrops = sim.trace.filter { $0.kind == .drop && $0.detail == "b is down" }
        #expect(downDrops.map(\.peer) == ["b", "b"] && downDrops.allSatisfy { $0.node == "a" && $0.time == .milliseconds(21) })

        sim.schedule(at: .milliseconds(40)) { $0.restart("b") }
        // The new incarnation arms the same timer: only its own firing (at 70 ms) may happen, never the old one at 50 ms.
        sim.schedule(at: .milliseconds(40)) { $0.command(.setTimers(["wake"], after: .milliseconds(30)), to: b) }
        sim.schedule(at: .milliseconds(80)) { $0.command(.send([8], to: "b"), to: a) }
        try sim.run(until: .milliseconds(100))

        let seenByB = sim.deliveries.filter { $0.node == "b" }.map { "\($0.time) \($0.output)" }
        #expect(seenByB == [
            "0.0 seconds started with []",
            "0.001 seconds received 5 from a",
            "0.04 seconds started with [\"last\"]",
            "0.07 seconds timer wake",
            "0.081 seconds received 8 from a",
        ])
        #expect(sim.deliveries.contains { $0.node == "b" && $0.output == .started(storage: ["last": UInt64(5).encoded()]) })
        #expect(sim.state(of: b)?.received == [8], "the restarted node remembers only what it received since")
        #expect(sim.storage(of: "b") == ["last": UInt64(8).encoded()])
        #expect(sim.trace.filter { [.crash, .restart].contains($0.kind) }.map { "\($0.time) \($0.kind) \($0.node)" }
                == ["0.01 seconds crash b", "0.04 seconds restart b"])
    }

    @Test("crashing a crashed node and restarting a running one change nothing")
    func redundantCrashAndRestart() throws {
        let sim = Simulation<UInt64, Seen>(seed: 42)
        let b = sim.add("b") { Puppet() }
        sim.schedule(at: .milliseconds(1)) { $0.restart("b") }
        sim.schedule(at: .milliseconds(2)) { $0.crash("b"); $0.crash("b") }
        sim.schedule(at: .milliseconds(3)) { $0.restart("b"); $0.restart("b") }
        try sim.run(until: .milliseconds(10))
        #expect(sim.deliveries.filter { $0.output == .started(storage: [:]) }.map(\.time) == [.zero, .milliseconds(3)])
        #expect(sim.trace.filter { [.crash, .restart].contains($0.kind) }.count == 2)
        #expect(sim.state(of: b) != nil)
    }

    // MARK: Timers

    @Test("setting a pending timer replaces it; cancelling one stops it; timers are told apart by name and index")
    func timers() throws {
        let sim = Simulation<UInt64, Seen>(seed: 51)
        let node = sim.add("n") { Puppet() }
        sim.command(.setTimers(["replaced", "cancelled", TimerID("retry", 1), TimerID("retry", 2)], after: .milliseconds(10)), to: node)
        sim.schedule(at: .milliseconds(5)) {
            $0.command(.setTimers(["replaced"], after: .milliseconds(30)), to: node)
            $0.command(.cancelTimer("cancelled"), to: node)
            $0.command(.cancelTimer(TimerID("retry", 1)), to: node)
            $0.command(.cancelTimer("never-set"), to: node)
        }
        try sim.run(until: .seconds(1))
        let fired = sim.deliveries.compactMap { delivery -> String? in
            guard case let .timer(timer) = delivery.output else { return nil }
            return "\(delivery.time) \(timer)"
        }
        #expect(fired == ["0.01 seconds retry#2", "0.035 seconds replaced"])
    }

    @Test("a timer set too far ahead for Int64 nanoseconds does not wrap around into the past")
    func farFutureTimer() throws {
        let sim = Simulation<UInt64, Seen>(seed: 52)
        let node = sim.add("n") { Puppet() }
        sim.command(.setTimers(["far"], after: .seconds(9_223_372_036) + .milliseconds(900)), to: node)
        try sim.run(until: .seconds(3_600))
        #expect(!sim.deliveries.contains { $0.output == .timer("far") })
    }

    // MARK: Ordering

    @Test("events at the same virtual time run in the order they were scheduled", arguments: [61, 62] as [UInt64])
    func equalTimes(seed: UInt64) throws {
        let sim = Simulation<UInt64, Seen>(seed: seed)
        var random = SeededRandom(seed: seed)
        var ran: [Int] = []
        var times: [Int] = []
        for label in 0..<60 {
            let time = Int.random(in: 1...3, using: &random)
            times.append(time)
            sim.schedule(at: .milliseconds(time)) { _ in ran.append(label) }
        }
        try sim.run(until: .milliseconds(10))
        let expected = (0..<60).sorted { (times[$0], $0) < (times[$1], $1) }
        #expect(ran == expected, "seed \(seed)")

        // Messages sent in one handler with a fixed delay arrive, and timers set together fire, in that order.
        let a = sim.add("a") { Puppet() }
        let b = sim.add("b") { Puppet() }
        sim.command(.send(Array(0..<100), to: "b"), to: a)
        let timers = (0..<20).map { TimerID("t", $0) }
        sim.command(.setTimers(timers, after: .milliseconds(1)), to: b)
        try sim.run(until: .milliseconds(20))
        #expect(sim.state(of: b)?.received == Array(0..<100), "seed \(seed)")
        let fired = sim.deliveries.compactMap { delivery -> TimerID? in
            guard case let .timer(timer) = delivery.output else { return nil }
            return timer
        }
        #expect(fired == timers, "seed \(seed)")
    }

    // MARK: Failures and limits

    @Test("a node that throws stops the run with nodeFailed naming the node and the event")
    func nodeFailure() throws {
        let sim = Simulation<UInt64, Seen>(seed: 71)
        let a = sim.add("a") { Puppet() }
        let b = sim.add("b") { Puppet(refuses: 13) }
        sim.command(.send([12, 13, 14], to: "b"), to: a)
        let expected = SimulationError.nodeFailed(node: "b", event: "a message from a", reason: "refused 13")
        #expect(throws: expected) { try sim.run(until: .seconds(1)) }
        #expect(sim.state(of: b)?.received == [12], "the run must stop at the failing event")
        #expect(sim.now == .milliseconds(1))
        #expect(sim.trace.last == TraceEvent(time: .milliseconds(1), kind: .failure, node: "b", detail: "refused 13"))
        #expect(throws: expected, "a failed run stays failed") { try sim.run(until: .seconds(2)) }
        #expect(expected.notImplemented == nil)
        #expect(expected.description == "node b failed while handling a message from a: refused 13")
    }

    @Test("a failing command is reported as the node failing while handling that command")
    func commandFailure() throws {
        let sim = Simulation<UInt64, Seen>(seed: 72)
        let node = sim.add("n") { Puppet() }
        sim.schedule(at: .milliseconds(3)) { $0.command(.fail("disk full"), to: node) }
        #expect(throws: SimulationError.nodeFailed(node: "n", event: "command fail disk full", reason: "disk full")) {
            try sim.run(until: .seconds(1))
        }
        #expect(sim.now == .milliseconds(3))
    }

    @Test("an unfinished exercise maps to notImplemented", arguments: ["2.1", "3.4"])
    func notImplemented(exercise: String) throws {
        let sim = Simulation<UInt64, Seen>(seed: 73)
        let node = sim.add("student") { Puppet() }
        sim.command(.todo(exercise), to: node)
        let error = try #require(throws: SimulationError.self) { try sim.run(until: .seconds(1)) }
        #expect(error == .nodeFailed(node: "student", event: "command todo \(exercise)", reason: "not implemented: exercise \(exercise)"))
        #expect(error.notImplemented == NotImplemented(exercise: exercise))
    }

    @Test("a message storm stops at the event limit")
    func eventLimit() throws {
        let sim = Simulation<UInt64, Seen>(seed: 81)
        sim.eventLimit = 2_000
        sim.add("a") { Storm(kick: "b") }
        sim.add("b") { Storm() }
        // Unchecked, the storm would process about 256 events a millisecond until the deadline: ~25,000.
        #expect(throws: SimulationError.eventLimit(2_000)) { try sim.run(until: .milliseconds(100)) }
        #expect(sim.stats.delivered < 2_000 && sim.stats.sent > 2_000, "\(sim.stats)")
        #expect(sim.now < .milliseconds(20), "the limit should hit about 15 ms in: \(sim.now)")
        #expect(throws: SimulationError.eventLimit(2_000)) { try sim.run(until: .milliseconds(100)) }
    }

    // MARK: Running

    @Test("run(until:deadline:) stops as soon as the condition holds, and the rest runs later")
    func runUntilCondition() throws {
        let seed: UInt64 = 91
        let sim = Simulation<UInt64, Seen>(seed: seed, faults: FaultPlan(delay: .milliseconds(1)...(.milliseconds(30))))
        let a = sim.add("a") { Puppet() }
        let b = sim.add("b") { Puppet() }
        sim.command(.send(Array(0..<50), to: "b"), to: a)
        func receivedCount(_ sim: Simulation<UInt64, Seen>) -> Int { sim.state(of: b)?.received.count ?? 0 }

        let held = try sim.run(until: { receivedCount($0) >= 10 }, deadline: .seconds(1))
        #expect(held, "seed \(seed)")
        #expect(receivedCount(sim) == 10, "seed \(seed): the run went past the first event where the condition held")
        #expect(sim.trace.last?.kind == .deliver, "seed \(seed)")
        #expect(sim.deliveries.last?.time == sim.now, "seed \(seed)")
        #expect(sim.now < .milliseconds(30), "seed \(seed)")

        let neverHeld = try sim.run(until: { receivedCount($0) > 50 }, deadline: .milliseconds(500))
        #expect(!neverHeld, "seed \(seed)")
        #expect(receivedCount(sim) == 50, "seed \(seed)")

        try sim.run(until: .seconds(2))
        #expect(sim.now == .seconds(2), "run(until: deadline) leaves the clock at the deadline")
    }

    @Test("run(until:deadline:) leaves events after the deadline for later")
    func deadline() throws {
        let sim = Simulation<UInt64, Seen>(seed: 92)
        let node = sim.add("n") { Puppet() }
        sim.command(.setTimers(["late"], after: .milliseconds(200)), to: node)
        let held = try sim.run(until: { $0.deliveries.contains { $0.output == .timer("late") } }, deadline: .milliseconds(199))
        #expect(!held)
        #expect(sim.now < .milliseconds(200))
        #expect(try sim.run(until: { $0.deliveries.contains { $0.output == .timer("late") } }, deadline: .milliseconds(200)))
        #expect(sim.now == .milliseconds(200))
    }

    @Test("an injected message reaches its destination as if its sender had sent it, through the same network")
    func injection() throws {
        let sim = Simulation<UInt64, Seen>(seed: 3)
        sim.add("victim") { Puppet() }
        sim.add("attacker") { Puppet() }
        sim.schedule(at: .milliseconds(10)) { $0.inject(42, from: "attacker", to: "victim") }
        try sim.run(until: .seconds(1))
        let seen = sim.deliveries.filter { $0.node == "victim" }.map(\.output)
        #expect(seen.contains(.received(42, from: "attacker")))
        #expect(sim.messages.contains { $0.event == .sent && $0.from == "attacker" && $0.message == 42 })
    }

    @Test("a restarted node runs start before anything queued for the same instant reaches it")
    func restartStartsFirst() throws {
        let sim = Simulation<UInt64, Seen>(seed: 5)
        let puppet = sim.add("p") { Puppet() }
        sim.schedule(at: .milliseconds(10)) { $0.crash("p") }
        sim.schedule(at: .milliseconds(20)) { $0.command(.send([7], to: "p"), to: puppet) }
        sim.schedule(at: .milliseconds(20)) { $0.restart("p") }
        try sim.run(until: .seconds(1))
        let afterRestart = sim.trace.drop { $0.kind != .restart }.filter { $0.node == "p" && [.deliver, .command].contains($0.kind) }
        #expect(afterRestart.first?.kind == .deliver && afterRestart.first?.detail.hasPrefix("started") == true,
                "\(afterRestart.map { "\($0.kind) \($0.detail)" })")
        #expect(afterRestart.contains { $0.kind == .command })
    }
}
