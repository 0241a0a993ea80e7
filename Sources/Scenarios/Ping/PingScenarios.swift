import PingKit

/// The graded scenarios of lab 0, generic over the implementation under test.
public enum PingScenarios {
    public static let exercises: [LabDescriptor.Exercise] = [
        .init(id: "1.1", title: "Answer every PING with a PONG"),
        .init(id: "2.1", title: "Send the first ping and arm a timeout"),
        .init(id: "2.2", title: "Retry on timeout, give up after maxAttempts"),
        .init(id: "3.1", title: "Measure the round trip, ignore stale replies"),
    ]

    /// The lab as the runner shows it, with scenarios bound to `server` and `client`.
    public static func lab<Server: PingServerNode, Client: PingClientNode>(server: Server.Type, client: Client.Type) -> LabDescriptor {
        LabDescriptor(id: "ping", number: 0, title: "Warm-up: PING/PONG with retries", exercises: exercises,
                      scenarios: scenarios(server: server, client: client))
    }

    public static func scenarios<Server: PingServerNode, Client: PingClientNode>(server: Server.Type, client: Client.Type) -> [Scenario] {
        [
            Scenario(id: "ping.1.1-answer", lab: "ping", exercise: "1.1", points: 2, seeds: 20,
                     summary: "three clients' pings, some duplicated, each get exactly one PONG with the same numbers") { seed in
                try answersEveryPing(server: server, seed: seed)
            },
            Scenario(id: "ping.2.1-first-ping", lab: "ping", exercise: "2.1", points: 1, seeds: 10,
                     summary: "on start the client sends PING 1/1 to its server and arms a timeout") { seed in
                try sendsFirstPing(client: client, seed: seed)
            },
            Scenario(id: "ping.2.2-retry-silent-server", lab: "ping", exercise: "2.2", points: 2, seeds: 10,
                     needs: ["2.1"],
                     summary: "against a silent server every ping is tried maxAttempts times, timeout apart, then abandoned") { seed in
                try retriesSilentServer(client: client, seed: seed)
            },
            Scenario(id: "ping.2.2-retry-under-loss", lab: "ping", exercise: "2.2", points: 3, seeds: 100,
                     needs: ["2.1", "3.1"],
                     summary: "with 30 % loss, 10 % duplication and late answers, every ping ends once, in order, after at most 3 honest tries") { seed in
                try retriesUnderLoss(client: client, seed: seed)
            },
            Scenario(id: "ping.2.2-server-restart", lab: "ping", exercise: "2.2", points: 2, seeds: 20,
                     needs: ["2.1", "3.1"],
                     summary: "the server crashes for 1.2 s mid-run; retries carry every ping through") { seed in
                try survivesServerRestart(client: client, seed: seed)
            },
            Scenario(id: "ping.3.1-rtt", lab: "ping", exercise: "3.1", points: 3, seeds: 100,
                     needs: ["2.1", "2.2"],
                     summary: "with delays longer than the timeout, each reply reports the attempt its PONG answers and that attempt's exact round trip") { seed in
                try measuresRoundTrips(client: client, seed: seed)
            },
            Scenario(id: "ping.3.1-live-udp", lab: "ping", exercise: "3.1", points: 2, seeds: 1, mode: .live,
                     needs: ["1.1", "2.1", "2.2"],
                     summary: "server and client as real UDP nodes on loopback, 20 % injected loss: all 8 pings answered") { seed in
                try await pingsOverRealUDP(server: server, client: client, seed: seed)
            },
        ]
    }

    typealias PingSimulation = Simulation<PingMessage, PingEvent>

    static func answersEveryPing<Server: PingServerNode>(server: Server.Type, seed: UInt64) throws(ScenarioFailure) {
        let sim = PingSimulation(seed: seed, faults: FaultPlan(duplicateRate: 0.2, delay: .milliseconds(1)...(.milliseconds(30))))
        sim.add("server") { Server() }
        let probes: [NodeID] = ["probe-1", "probe-2", "probe-3"]
        for (number, probe) in probes.enumerated() {
            let pings = (1...5).flatMap { seq in (1...2).map { (UInt32(seq + 10 * number), UInt32($0)) } }
            sim.add(probe) { ProbeClient(server: "server", pings: pings) }
        }
        try sim.grade(until: .seconds(5))
        let log = sim.messages
        for probe in probes {
            let pings = log.filter { $0.event == .received && $0.to == "server" && $0.from == probe }
            for record in pings {
                guard case let .ping(seq, attempt) = record.message else { continue }
                let received = pings.filter { $0.message == record.message }.count
                let answered = log.filter { $0.event == .sent && $0.from == "server" && $0.to == probe && $0.message == .pong(seq: seq, attempt: attempt) }.count
                try expect(answered == received, "PING \(seq)/\(attempt) from \(probe), received \(received) time(s), answered as often with PONG \(seq)/\(attempt)",
                           observed: "\(answered) matching PONG(s) sent to \(probe)", trace: sim.trace)
            }
        }
        let stray = log.first { $0.event == .sent && $0.from == "server" && (!probes.contains($0.to) || !isPong($0.message)) }
        try expect(stray == nil, "the server to send only PONGs, and only to the probes that pinged it",
                   observed: stray.map { "\($0.message) sent to \($0.to)" } ?? "", trace: sim.trace)
    }

    static func sendsFirstPing<Client: PingClientNode>(client: Client.Type, seed: UInt64) throws(ScenarioFailure) {
        let config = PingClientConfig(server: "server", count: 3, timeout: .milliseconds(200))
        let sim = PingSimulation(seed: seed)
        sim.add("server") { SilentServer() }
        sim.add("client") { Client(config: config) }
        try sim.grade(until: .milliseconds(150))
        let seen = sim.messages.filter { $0.event == .received && $0.to == "server" }.map(\.message)
        try expect(seen == [.ping(seq: 1, attempt: 1)], "the server to see exactly [PING 1/1] before the first timeout",
                   observed: "\(seen)", trace: sim.trace)
        let armed = sim.trace.contains { $0.kind == .timerSet && $0.node == "client" }
        try expect(armed, "the client to arm a timer after sending", observed: "no timer set", trace: sim.trace)
    }

    static func retriesSilentServer<Client: PingClientNode>(client: Client.Type, seed: UInt64) throws(ScenarioFailure) {
        let config = PingClientConfig(server: "server", count: 3, timeout: .milliseconds(200), maxAttempts: 4, interval: .milliseconds(100))
        let sim = PingSimulation(seed: seed)
        sim.add("server") { SilentServer() }
        sim.add("client") { Client(config: config) }
        try sim.grade(until: .seconds(10))
        let sent = sim.messages.filter { $0.event == .sent && $0.from == "client" }
        let expected = (1...config.count).flatMap { seq in (1...config.maxAttempts).map { PingMessage.ping(seq: seq, attempt: $0) } }
        try expect(sent.map(\.message) == expected, "tries \(expected.map(\.description).joined(separator: ", "))",
                   observed: "\(sent.map(\.message.description).joined(separator: ", "))", trace: sim.trace)
        for (earlier, later) in zip(sent, sent.dropFirst()) {
            guard case let .ping(seq, _) = earlier.message, case .ping(seq, _) = later.message else { continue }
            try expect(later.time - earlier.time == config.timeout, "tries of ping \(seq) exactly \(config.timeout) apart",
                       observed: "\(later.message) sent \(later.time - earlier.time) after \(earlier.message)", trace: sim.trace)
        }
        let outcomes = sim.deliveries.map(\.output)
        let abandoned = (1...config.count).map { PingEvent.gaveUp(seq: $0, attempts: config.maxAttempts) }
        try expect(outcomes == abandoned, "\(abandoned)", observed: "\(outcomes)", trace: sim.trace)
    }

    static func retriesUnderLoss<Client: PingClientNode>(client: Client.Type, seed: UInt64) throws(ScenarioFailure) {
        // Three tries only, and round trips up to 300 ms against a 200 ms timeout: the cap is reached while the
        // server answers some tries, late ones too.
        let config = PingClientConfig(server: "server", count: 10, timeout: .milliseconds(200), maxAttempts: 3, interval: .milliseconds(50))
        let sim = PingSimulation(seed: seed, faults: .lossy(0.3, duplicateRate: 0.1, delay: .milliseconds(1)...(.milliseconds(150))))
        sim.add("server") { EchoServer() }
        sim.add("client") { Client(config: config) }
        try sim.grade(until: { $0.deliveries.count >= Int(config.count) }, deadline: .seconds(120))
        try checkOutcomes(sim, config: config)
    }

    static func survivesServerRestart<Client: PingClientNode>(client: Client.Type, seed: UInt64) throws(ScenarioFailure) {
        let config = PingClientConfig(server: "server", count: 10, timeout: .milliseconds(200), maxAttempts: 20, interval: .milliseconds(100))
        let sim = PingSimulation(seed: seed, faults: FaultPlan(delay: .milliseconds(1)...(.milliseconds(20))))
        sim.add("server") { EchoServer() }
        sim.add("client") { Client(config: config) }
        sim.schedule(at: .milliseconds(300)) { $0.crash("server") }
        sim.schedule(at: .milliseconds(1500)) { $0.restart("server") }
        try sim.grade(until: { $0.deliveries.count >= Int(config.count) }, deadline: .seconds(60))
        try checkOutcomes(sim, config: config)
        let answered = sim.deliveries.filter { if case .reply = $0.output { true } else { false } }.count
        try expect(answered == Int(config.count), "all \(config.count) pings answered despite the 1.2 s outage",
                   observed: "\(answered) answered: \(sim.deliveries.map(\.output))", trace: sim.trace)
    }

    static func measuresRoundTrips<Client: PingClientNode>(client: Client.Type, seed: UInt64) throws(ScenarioFailure) {
        let config = PingClientConfig(server: "server", count: 10, timeout: .milliseconds(200), maxAttempts: 20, interval: .milliseconds(20))
        let sim = PingSimulation(seed: seed, faults: .lossy(0.2, duplicateRate: 0.2, delay: .milliseconds(1)...(.milliseconds(180))))
        sim.add("server") { EchoServer() }
        sim.add("client") { Client(config: config) }
        try sim.grade(until: { $0.deliveries.count >= Int(config.count) }, deadline: .seconds(120))
        try checkOutcomes(sim, config: config)
        for delivery in sim.deliveries {
            guard case let .reply(seq, attempt, rtt) = delivery.output else { continue }
            let pong = sim.messages.first { $0.event == .received && $0.to == "client" && $0.time == delivery.time && isPong($0.message, seq: seq) }
            try expect(pong?.message == .pong(seq: seq, attempt: attempt), "reply \(seq) to name the attempt its PONG answers",
                       observed: "reply says attempt \(attempt), PONG received then: \(pong.map(\.message.description) ?? "none")", trace: sim.trace)
            let sent = sim.messages.first { $0.event == .sent && $0.from == "client" && $0.message == .ping(seq: seq, attempt: attempt) }
            let truth = sent.map { delivery.time - $0.time }
            try expect(truth == rtt, "reply \(seq) to report rtt \(truth.map { "\($0.milliseconds) ms" } ?? "?"), the round trip of attempt \(attempt) its PONG answers",
                       observed: "rtt \(rtt.milliseconds) ms", trace: sim.trace)
        }
    }

    /// Every ping ends exactly once, in order; abandoning takes `maxAttempts` tries, and no ping is tried more
    /// often; one ping at a time.
    static func checkOutcomes(_ sim: PingSimulation, config: PingClientConfig) throws(ScenarioFailure) {
        let outcomes = sim.deliveries.map(\.output)
        let order = outcomes.map { event -> UInt32 in
            switch event { case let .reply(seq, _, _), let .gaveUp(seq, _): seq }
        }
        try expect(order == Array(1...config.count), "one outcome per ping, in order 1...\(config.count)",
                   observed: "\(outcomes)", trace: sim.trace)
        let pings = sim.messages.filter { $0.event == .sent && $0.from == "client" }
        for delivery in sim.deliveries {
            if case let .gaveUp(seq, attempts) = delivery.output {
                let tries = pings.filter { if case .ping(seq, _) = $0.message { true } else { false } }.count
                try expect(attempts == config.maxAttempts && tries == Int(config.maxAttempts),
                           "ping \(seq) abandoned only after \(config.maxAttempts) tries",
                           observed: "abandoned after \(tries) tries (reported \(attempts))", trace: sim.trace)
            }
        }
        for (index, delivery) in sim.deliveries.enumerated() where index + 2 <= Int(config.count) {
            let next = UInt32(index + 2)
            let early = pings.first { if case .ping(next, _) = $0.message { $0.time < delivery.time } else { false } }
            try expect(early == nil, "ping \(next) to start only after ping \(next - 1) ended (one ping at a time)",
                       observed: "\(early.map(\.message.description) ?? "") sent at \(early?.time ?? .zero), before ping \(next - 1) ended at \(delivery.time)",
                       trace: sim.trace)
        }
        var lastTry: [UInt32: Duration] = [:], tries: [UInt32: UInt32] = [:]
        for record in pings {
            guard case let .ping(seq, attempt) = record.message else { continue }
            tries[seq, default: 0] += 1
            try expect(attempt == tries[seq] && attempt <= config.maxAttempts,
                       "the tries of ping \(seq) numbered 1, 2, … and at most maxAttempts = \(config.maxAttempts), answered or not",
                       observed: "\(record.message) as try number \(tries[seq]!)", trace: sim.trace)
            if let previous = lastTry[seq] {
                try expect(record.time - previous >= config.timeout, "retries of ping \(seq) at least \(config.timeout) apart",
                           observed: "\(record.message) sent \(record.time - previous) after the previous try", trace: sim.trace)
            }
            lastTry[seq] = record.time
        }
    }

    static func isPong(_ message: PingMessage, seq: UInt32? = nil) -> Bool {
        guard case let .pong(pongSeq, _) = message else { return false }
        return seq.map { $0 == pongSeq } ?? true
    }
}
