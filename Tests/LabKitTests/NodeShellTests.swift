import Foundation
@testable import LabKit
import Testing

/// A node that counts the messages it gets, persists the count, and answers each with the new count.
private struct Counter: NodeLogic {
    var count: UInt64 = 0

    mutating func start(_ ctx: inout NodeContext<UInt64, UInt64>) {
        count = ctx.storage["count"].flatMap { try? UInt64.decode($0) } ?? 0
        ctx.deliver(count)
    }

    mutating func receive(_ message: UInt64, from sender: NodeID, _ ctx: inout NodeContext<UInt64, UInt64>) {
        count += message
        ctx.persist(count.encoded(), forKey: "count")
        ctx.send(count, to: sender)
    }
}

/// Sends `1` to its peer `times` times at start and delivers every answer.
private struct Asker: NodeLogic {
    let peer: NodeID
    let times: Int

    mutating func start(_ ctx: inout NodeContext<UInt64, UInt64>) {
        for _ in 0..<times { ctx.send(1, to: peer) }
    }

    mutating func receive(_ message: UInt64, from sender: NodeID, _ ctx: inout NodeContext<UInt64, UInt64>) {
        ctx.deliver(message)
    }
}

/// Sends `1` to its peer on every command and delivers every answer.
private struct Repeater: NodeLogic {
    let peer: NodeID

    mutating func command(_ command: Void, _ ctx: inout NodeContext<UInt64, UInt64>) {
        ctx.send(1, to: peer)
    }

    mutating func receive(_ message: UInt64, from sender: NodeID, _ ctx: inout NodeContext<UInt64, UInt64>) {
        ctx.deliver(message)
    }
}

/// Starts a volley with its peer and returns every ball up to 100: two of them that dial each other at once.
private struct Volley: NodeLogic {
    let peer: NodeID

    mutating func start(_ ctx: inout NodeContext<UInt64, UInt64>) {
        ctx.send(1, to: peer)
    }

    mutating func receive(_ message: UInt64, from sender: NodeID, _ ctx: inout NodeContext<UInt64, UInt64>) {
        ctx.deliver(message)
        if message < 100 { ctx.send(message + 1, to: sender) }
    }
}

/// Collects a shell's outputs and logs, and lets a test wait for a number of outputs with a deadline.
private final class Collector: Sendable {
    private let state = Lock<(outputs: [UInt64], logs: [String])>(([], []))
    private let (stream, continuation) = AsyncStream<Void>.makeStream()

    var observer: @Sendable (ShellEvent<UInt64>) -> Void {
        { [self] event in
            switch event {
            case let .output(value): state.withLock { $0.outputs.append(value) }; continuation.yield()
            case let .log(line): state.withLock { $0.logs.append(line) }; continuation.yield()
            case .trace: break
            }
        }
    }

    var outputs: [UInt64] { state.withLock { $0.outputs } }
    var logs: [String] { state.withLock { $0.logs } }

    /// Waits until `condition` holds, for at most 10 s; returns whether it did.
    func wait(until condition: @escaping @Sendable (Collector) -> Bool) async -> Bool {
        let stream = self.stream
        return (try? await withDeadline(.seconds(60)) { [self] in
            var events = stream.makeAsyncIterator()
            while !condition(self) { if await events.next() == nil { return false } }
            return true
        }) ?? condition(self)
    }
}

@Suite struct NodeShellTests {
    let loopback = try! SocketAddress.parse("127.0.0.1:0")

    @Test("two nodes exchange messages over real sockets", arguments: Transport.allCases)
    func exchange(_ transport: Transport) async throws {
        let serverEvents = Collector(), clientEvents = Collector()
        let server = NodeShell(Counter(), configuration: .init(id: "server", listen: loopback, transport: transport), observer: serverEvents.observer)
        let address = try await server.start()
        let client = NodeShell(Asker(peer: "server", times: 50), configuration: .init(
            id: "client", listen: loopback, transport: transport, peers: ["server": address]), observer: clientEvents.observer)
        try await client.start()
        async let serving: Void = server.run()
        async let asking: Void = client.run()
        let done = await clientEvents.wait { $0.outputs.count == 50 }
        await client.stop()
        await server.stop()
        try await asking
        try await serving
        #expect(done, "client got \(clientEvents.outputs.count) answers; logs: \(clientEvents.logs + serverEvents.logs)")
        #expect(Set(clientEvents.outputs) == Set(1...50))
    }

    /// A TCP asker that sends 3 messages to the server at `address` and waits for the 3 answers, then stops.
    fileprivate func askOverTCP(_ address: SocketAddress) async throws -> (done: Bool, events: Collector) {
        let events = Collector()
        let asker = NodeShell(Asker(peer: "server", times: 3), configuration: .init(
            id: "asker", listen: loopback, transport: .tcp, peers: ["server": address]), observer: events.observer)
        async let asking: Void = asker.run()
        let done = await events.wait { $0.outputs.count == 3 }
        await asker.stop()
        try await asking
        return (done, events)
    }

    @Test("over TCP, idle connections beyond the limit are evicted, the longest silent first, and a real peer is still served")
    func connectionLimit() async throws {
        let events = Collector()
        let limits = ConnectionLimits(maxConnections: 4, idleTimeout: .seconds(30))
        let server = NodeShell(Counter(), configuration: .init(id: "server", listen: loopback, transport: .tcp, connectionLimits: limits),
                               observer: events.observer)
        let address = try await server.start()
        async let serving: Void = server.run()
        var idle: [TCPConnection] = []
        for _ in 0..<12 { idle.append(try await TCPConnection.connect(to: address, timeout: .seconds(60))) }
        let (done, asked) = try await askOverTCP(address)
        let closed = await server.connectionsClosedByLimits
        await server.stop()
        try await serving
        for connection in idle { connection.close() }
        #expect(done, "\(asked.logs + events.logs)")
        #expect(closed >= 9, "12 idle and the asker's, 4 at most: \(closed) closed; \(events.logs)")
        #expect(events.logs.filter { $0.contains("silent the longest") }.count < closed, "the flood is logged once a second, with a count")
    }

    @Test("over TCP, a connection stuck half-way through a frame is closed after the idle timeout")
    func halfFrame() async throws {
        let events = Collector()
        let limits = ConnectionLimits(idleTimeout: .milliseconds(300))
        let server = NodeShell(Counter(), configuration: .init(id: "server", listen: loopback, transport: .tcp, connectionLimits: limits),
                               observer: events.observer)
        let address = try await server.start()
        async let serving: Void = server.run()
        let attacker = try await TCPConnection.connect(to: address, timeout: .seconds(60))
        try await attacker.write([0, 0, 0x10, 0] + [UInt8](repeating: 7, count: 100))  // says 4,096 bytes, sends 100
        var decoder = FrameDecoder()
        let ended = try await attacker.readFrame(&decoder, timeout: .seconds(120))  // nil: the server closed it
        attacker.close()
        await server.stop()
        try await serving
        #expect(ended == nil)
        #expect(events.logs.contains { $0.contains("no whole frame for 0.3 seconds") }, "\(events.logs)")
    }

    @Test("over TCP, unfinished frames from many connections never add up past the budget: the largest holder is closed, a real peer is served")
    func heldBytesBudget() async throws {
        let events = Collector()
        let limits = ConnectionLimits(idleTimeout: .seconds(60), maxFrameLength: 1 << 20, maxBufferedBytes: 2 << 20)
        let server = NodeShell(Counter(), configuration: .init(id: "server", listen: loopback, transport: .tcp, connectionLimits: limits),
                               observer: events.observer)
        let address = try await server.start()
        async let serving: Void = server.run()
        // Eight attackers each promise a frame of 1 MiB and send 700 KiB of it: 5.5 MiB held if nothing stopped them.
        var attackers: [TCPConnection] = []
        for _ in 0..<8 {
            let attacker = try await TCPConnection.connect(to: address, timeout: .seconds(60))
            try await attacker.write([0, 0x10, 0, 0] + [UInt8](repeating: 7, count: 700 << 10))
            attackers.append(attacker)
        }
        // The server reads every byte sent, however loaded the machine: then at most two halves fit in 2 MiB.
        var budgetHeld = false
        for _ in 0..<200 where !budgetHeld {  // up to 20 s: the server reads every byte sent, however loaded the machine
            budgetHeld = await server.connectionsClosedByLimits >= 6
            if !budgetHeld { try await Task.sleep(for: .milliseconds(100)) }
        }
        var closed = 0
        for attacker in attackers {
            var decoder = FrameDecoder()
            // The server never answers an unfinished frame: a read ends with nil only when it closes the
            // connection, and times out on one it still holds.
            do {
                if try await attacker.readFrame(&decoder, timeout: .seconds(2)) == nil { closed += 1 }
            } catch NetError.timedOut {}
        }
        let (done, asked) = try await askOverTCP(address)
        for attacker in attackers { attacker.close() }
        await server.stop()
        try await serving
        #expect(budgetHeld, "2 MiB holds at most two 700 KiB halves: \(events.logs)")
        #expect(closed >= 6, "the attackers saw \(closed) of 8 connections closed")
        #expect(done, "\(asked.logs + events.logs)")
    }

    @Test("over TCP, the first message on every new connection is answered (the connection is known before its first frame is read)")
    func firstMessageOfEveryConnection() async throws {
        let server = NodeShell(Counter(), configuration: .init(id: "server", listen: loopback, transport: .tcp)) { _ in }
        let address = try await server.start()
        async let serving: Void = server.run()
        var answered = 0
        for _ in 1...30 where try await askOverTCP(address).done { answered += 1 }
        await server.stop()
        try await serving
        #expect(answered == 30)
    }

    @Test("over TCP, a message sent just before stopping still goes out (a LEAVE on the way out is not lost)")
    func lastWordsArrive() async throws {
        /// Reports every message it gets.
        struct Listener: NodeLogic {
            mutating func receive(_ message: UInt64, from sender: NodeID, _ ctx: inout NodeContext<UInt64, UInt64>) { ctx.deliver(message) }
        }
        let heard = Collector()
        let server = NodeShell(Listener(), configuration: .init(id: "server", listen: loopback, transport: .tcp), observer: heard.observer)
        let address = try await server.start()
        async let serving: Void = server.run()
        for round in 1...10 as ClosedRange<UInt64> {
            let leaver = NodeShell(Asker(peer: "server", times: 1), configuration: .init(
                id: NodeID("leaver-\(round)"), listen: loopback, transport: .tcp, peers: ["server": address])) { _ in }
            try await leaver.start()  // sends at once…
            await leaver.stop()       // …and stops at once
            try await leaver.run()
        }
        let all = await heard.wait { $0.outputs.count == 10 }
        await server.stop()
        try await serving
        #expect(all, "heard \(heard.outputs.count) of 10 last messages")
    }

    @Test("over TCP, no connection can speak for a peer that has its own: a forged message is refused, the peer is served")
    func forgedNamesAreRefused() async throws {
        let events = Collector()
        let server = NodeShell(Counter(), configuration: .init(id: "server", listen: loopback, transport: .tcp), observer: events.observer)
        let address = try await server.start()
        async let serving: Void = server.run()
        let alice = Collector()
        let asker = NodeShell(Asker(peer: "server", times: 1), configuration: .init(
            id: "alice", listen: loopback, transport: .tcp, peers: ["server": address]), observer: alice.observer)
        async let asking: Void = asker.run()
        _ = await alice.wait { $0.outputs.count == 1 }
        let forger = try await TCPConnection.connect(to: address, timeout: .seconds(60))
        /// A message envelope as a shell writes it: its frame kind (0), sender, destination, message.
        func envelope(from sender: NodeID, _ value: UInt64) -> [UInt8] { [0] + sender.encoded() + NodeID("server").encoded() + value.encoded() }
        try await forger.writeFrame(envelope(from: "alice", 1_000))
        try await forger.writeFrame(envelope(from: "mallory", 1))  // its own name: fine
        try await forger.writeFrame(envelope(from: "bob", 1_000))  // a second name: refused
        let refused = await events.wait { $0.logs.filter { $0.hasPrefix("refused a message") }.count == 2 }
        forger.close()
        await asker.stop()
        try await asking
        let count = await server.inspect(\.count)
        await server.stop()
        try await serving
        #expect(refused, "\(events.logs)")
        #expect(count == 2, "alice's 1 and mallory's 1; the forged 1,000s never reached the node")
        #expect(events.logs.contains { $0.contains("claiming to be alice: alice already speaks from") })
        #expect(events.logs.contains { $0.contains("claiming to be bob: this connection speaks as mallory, not bob") })
    }

    @Test("over TCP with a cluster key, a connection speaks as a configured server only once it proved the key: impostors are refused while that server is away, the server itself is served")
    func clusterNamesNeedTheKey() async throws {
        let events = Collector()
        let key = ClusterKey(passphrase: "the servers' secret")
        var configuration = NodeShell<Counter>.Configuration(id: "s1", listen: loopback, transport: .tcp,
                                                             peers: ["s2": try SocketAddress.parse("127.0.0.1:9")])
        configuration.clusterKey = key
        let server = NodeShell(Counter(), configuration: configuration, observer: events.observer)
        let address = try await server.start()
        async let serving: Void = server.run()
        /// A message envelope as a shell writes it: its frame kind (0), sender, destination, message.
        func envelope(from sender: NodeID, _ value: UInt64) -> [UInt8] { [0] + sender.encoded() + NodeID("s1").encoded() + value.encoded() }

        // s2 is away: a connection that only says it is s2, or proves it with another key, is refused.
        let bare = try await TCPConnection.connect(to: address, timeout: .seconds(60))
        try await bare.writeFrame(envelope(from: "s2", 1_000))
        let forger = try await TCPConnection.connect(to: address, timeout: .seconds(60))
        let wrongProof = ClusterKey(passphrase: "a guess").proof(name: "s2", as: .dialer, dialer: forger.localAddress, acceptor: forger.remoteAddress, time: ClusterKey.now)
        try await forger.writeFrame(FrameKind.proof.frame(wrongProof))
        try await forger.writeFrame(envelope(from: "s2", 1_000))
        // A proof made for another connection proves nothing on this one.
        let replayer = try await TCPConnection.connect(to: address, timeout: .seconds(60))
        let copied = key.proof(name: "s2", as: .dialer, dialer: forger.localAddress, acceptor: forger.remoteAddress, time: ClusterKey.now)
        try await replayer.writeFrame(FrameKind.proof.frame(copied))
        try await replayer.writeFrame(envelope(from: "s2", 1_000))
        let deadline = ContinuousClock.now + .seconds(30)
        while await server.refusedClaims < 3, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(10)) }
        let refused = await server.refusedClaims
        for connection in [bare, forger, replayer] { connection.close() }

        // The real s2, with the key, is served; a client, whose name is no server's, needs no key.
        var s2Configuration = NodeShell<Asker>.Configuration(id: "s2", listen: loopback, transport: .tcp, peers: ["s1": address])
        s2Configuration.clusterKey = key
        let s2Answers = Collector()
        let s2 = NodeShell(Asker(peer: "s1", times: 1), configuration: s2Configuration, observer: s2Answers.observer)
        async let s2Running: Void = s2.run()
        let client = NodeShell(Asker(peer: "s1", times: 1), configuration: .init(id: "client", listen: loopback, transport: .tcp,
                                                                                  peers: ["s1": address])) { _ in }
        async let clientRunning: Void = client.run()
        let answered = await s2Answers.wait { $0.outputs.count == 1 }
        let count = await server.inspect(\.count)
        await s2.stop()
        await client.stop()
        try await s2Running
        try await clientRunning
        await server.stop()
        try await serving
        #expect(refused == 3, "\(events.logs)")
        #expect(events.logs.contains { $0.contains("claiming to be s2: s2 is a server of this cluster, and this connection did not prove it holds the cluster key") },
                "\(events.logs)")
        #expect(events.logs.contains { $0.contains("proved no name: a proof for s2 made without this cluster's key, or for another connection") }, "\(events.logs)")
        #expect(answered)
        #expect(count <= 2 && count >= 1, "s2's 1 (and the client's 1); none of the impostors' 1,000s: \(count)")
    }

    @Test("over TCP with a cluster key, a process that answers at a server's address without the key is not believed")
    func clusterAnswersNeedTheKey() async throws {
        let impostor = NodeShell(Counter(), configuration: .init(id: "s2", listen: loopback, transport: .tcp)) { _ in }
        let impostorAddress = try await impostor.start()
        async let impersonating: Void = impostor.run()
        var configuration = NodeShell<Asker>.Configuration(id: "s1", listen: loopback, transport: .tcp, peers: ["s2": impostorAddress])
        configuration.clusterKey = ClusterKey(passphrase: "the servers' secret")
        let heard = Collector()
        let s1 = NodeShell(Asker(peer: "s2", times: 1), configuration: configuration, observer: heard.observer)
        async let asking: Void = s1.run()
        let deadline = ContinuousClock.now + .seconds(30)
        while await s1.refusedClaims < 1, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(10)) }
        let refused = await s1.refusedClaims
        let asked = await impostor.inspect(\.count)
        await s1.stop()
        try await asking
        await impostor.stop()
        try await impersonating
        #expect(asked == 1, "the impostor got s1's message, and answered it")
        #expect(refused >= 1 && heard.outputs.isEmpty, "s1 believed the answer of a process with no key: \(heard.outputs) \(heard.logs)")
        #expect(heard.logs.contains { $0.contains("claiming to be s2: s2 is a server of this cluster, and this connection did not prove it holds the cluster key") },
                "\(heard.logs)")
    }

    @Test("over TCP, a peer whose connection was evicted takes its name back with its ticket; an impostor cannot take it meanwhile")
    func evictedNameIsHeldForItsTicket() async throws {
        let events = Collector()
        let limits = ConnectionLimits(maxConnections: 2, idleTimeout: .seconds(60), nameHold: .seconds(60))
        let server = NodeShell(Counter(), configuration: .init(id: "server", listen: loopback, transport: .tcp, connectionLimits: limits),
                               observer: events.observer)
        let address = try await server.start()
        async let serving: Void = server.run()
        let alice = Collector()
        let asker = NodeShell(Repeater(peer: "server"), configuration: .init(
            id: "alice", listen: loopback, transport: .tcp, peers: ["server": address]), observer: alice.observer)
        _ = try await asker.start()
        async let asking: Void = asker.run()
        await asker.command(())
        let first = await alice.wait { $0.outputs.count == 1 }
        // Two silent connections evict alice's (the longest silent); a third, from the impostor, does the same
        // to the first of them and then speaks as alice.
        var flood: [TCPConnection] = []
        for _ in 0..<3 { flood.append(try await TCPConnection.connect(to: address, timeout: .seconds(60))) }
        let evicted = await events.wait { $0.logs.contains { $0.contains("silent the longest") } }
        try await flood[2].writeFrame([0] + NodeID("alice").encoded() + NodeID("server").encoded() + UInt64(1_000).encoded())
        let refused = await events.wait { $0.logs.contains { $0.contains("claiming to be alice: alice lost its connection here") } }
        await asker.command(())  // alice dials again and presents its ticket
        let second = await alice.wait { $0.outputs.count == 2 }
        for connection in flood { connection.close() }
        await asker.stop()
        try await asking
        let count = await server.inspect(\.count)
        await server.stop()
        try await serving
        #expect(first && evicted && refused && second, "\(events.logs) / \(alice.logs)")
        #expect(count == 2, "alice's two 1s; the impostor's 1,000 never reached the node")
    }

    @Test("over TCP, two nodes that dial each other at once keep hearing each other: each answers on the other's connection too")
    func crossingDials() async throws {
        func freePort() throws -> SocketAddress {
            let listener = try TCPListener.bind(loopback)
            defer { listener.close() }
            return listener.localAddress
        }
        let addresses: [NodeID: SocketAddress] = ["a": try freePort(), "b": try freePort()]
        let events: [NodeID: Collector] = ["a": Collector(), "b": Collector()]
        let shells = [NodeID("a"), "b"].map { id in
            let other: NodeID = id == "a" ? "b" : "a"
            return NodeShell(Volley(peer: other), configuration: .init(id: id, listen: addresses[id]!, transport: .tcp,
                                                                        peers: [other: addresses[other]!]), observer: events[id]!.observer)
        }
        for shell in shells { try await shell.start() }
        async let first: Void = shells[0].run()
        async let second: Void = shells[1].run()
        // Each volley's balls alternate between the two nodes: each node gets 50 of each, 100 in all.
        let doneA = await events["a"]!.wait { $0.outputs.count == 100 }
        let doneB = await events["b"]!.wait { $0.outputs.count == 100 }
        let refused = [await shells[0].refusedClaims, await shells[1].refusedClaims]
        for shell in shells { await shell.stop() }
        try await first
        try await second
        #expect(doneA && doneB, "a got \(events["a"]!.outputs.count), b got \(events["b"]!.outputs.count); \(events["a"]!.logs + events["b"]!.logs)")
        #expect(refused == [0, 0], "\(events["a"]!.logs + events["b"]!.logs)")
    }

    @Test("over TCP, a peer that comes back on a new connection gets its answers there")
    func reconnect() async throws {
        let server = NodeShell(Counter(), configuration: .init(id: "server", listen: loopback, transport: .tcp)) { _ in }
        let address = try await server.start()
        async let serving: Void = server.run()
        for round in 1...2 {
            let (done, events) = try await askOverTCP(address)
            #expect(done, "round \(round): \(events.outputs.count) answers; \(events.logs)")
            #expect(events.outputs.max() == UInt64(3 * round))
        }
        await server.stop()
        try await serving
    }

    @Test("a node known only by its address answers, and its state can be read")
    func addressedByAddress() async throws {
        let server = NodeShell(Counter(), configuration: .init(id: "server", listen: loopback)) { _ in }
        let address = try await server.start()
        let events = Collector()
        let alias = NodeID(address.description)
        let asker = NodeShell(Asker(peer: alias, times: 2), configuration: .init(id: "asker", listen: loopback, peers: [alias: address]),
                              observer: events.observer)
        async let serving: Void = server.run()
        async let asking: Void = asker.run()
        let done = await events.wait { $0.outputs.count == 2 }
        #expect(await server.inspect { $0.count } == 2)
        await asker.stop()
        await server.stop()
        try await asking
        try await serving
        #expect(done, "\(events.logs)")
    }

    @Test("a peer greeted as HOST:PORT and then heard under its name is one destination; twice to one name is still twice")
    func aliasAndNameAreOnePeer() async throws {
        /// Greets the server by address; at its first answer sends 2 to the address and to the name, 3 twice to
        /// the name, then 999.
        struct Greeter: NodeLogic {
            let alias: NodeID
            var answered = false
            mutating func start(_ ctx: inout NodeContext<UInt64, UInt64>) {
                ctx.send(1, to: alias)
            }
            mutating func receive(_ message: UInt64, from sender: NodeID, _ ctx: inout NodeContext<UInt64, UInt64>) {
                guard !answered else { return }
                answered = true
                for peer in [alias, sender] { ctx.send(2, to: peer) }
                ctx.send(3, to: sender)
                ctx.send(3, to: sender)
                ctx.send(999, to: sender)
            }
        }
        /// Reports and echoes every message.
        struct Echo: NodeLogic {
            mutating func receive(_ message: UInt64, from sender: NodeID, _ ctx: inout NodeContext<UInt64, UInt64>) {
                ctx.deliver(message)
                ctx.send(message, to: sender)
            }
        }
        let received = Collector()
        let server = NodeShell(Echo(), configuration: .init(id: "server", listen: loopback), observer: received.observer)
        let address = try await server.start()
        let alias = NodeID(address.description)
        let greeter = NodeShell(Greeter(alias: alias), configuration: .init(id: "greeter", listen: loopback, peers: [alias: address])) { _ in }
        async let serving: Void = server.run()
        async let greeting: Void = greeter.run()
        let done = await received.wait { $0.outputs.contains(999) }  // sent last, from the same socket
        await greeter.stop()
        await server.stop()
        try await greeting
        try await serving
        #expect(done, "\(received.logs)")
        #expect(received.outputs == [1, 2, 3, 3, 999], "2 went to the address, then to the name: one destination, one send")
    }

    @Test("over UDP, a node that authenticates its senders learns an address only from a message it vouched for; a configured one never moves")
    func addressesOnlyFromVouchedMessages() async throws {
        let alice = try UDPSocket.bind(loopback), forger = try UDPSocket.bind(loopback)
        defer { alice.close(); forger.close() }
        let learner = NodeShell(Skeptic(claimant: "alice"), configuration: .init(id: "server", listen: loopback)) { _ in }
        let configured = NodeShell(Skeptic(claimant: "alice"), configuration: .init(id: "server", listen: loopback,
                                                                                     peers: ["alice": alice.localAddress])) { _ in }
        let address = try await learner.start(), configuredAddress = try await configured.start()
        async let learning: Void = learner.run()
        async let serving: Void = configured.run()
        /// A message envelope as a shell writes it: sender, destination, message.
        func envelope(from sender: NodeID, _ value: UInt64) -> [UInt8] { sender.encoded() + NodeID("server").encoded() + value.encoded() }
        try alice.send(envelope(from: "alice", Skeptic.proof), to: address)
        _ = try await withDeadline(.seconds(60)) { try await alice.receive() }
        let learned = await learner.address(of: "alice")
        try forger.send(envelope(from: "alice", 7), to: address)  // claims alice, proves nothing
        try forger.send(envelope(from: "forger", Skeptic.proof), to: address)  // proves alice, from the forger's port
        let redirected = try await withDeadline(.seconds(60)) { try await forger.receive() }
        try forger.send(envelope(from: "forger", Skeptic.proof), to: configuredAddress)
        let kept = try await withDeadline(.seconds(60)) { try await alice.receive() }
        let moved = await learner.address(of: "alice"), stayed = await configured.address(of: "alice")
        await learner.stop()
        await configured.stop()
        try await learning
        try await serving
        #expect(learned == alice.localAddress)
        #expect(redirected.from == address && moved == forger.localAddress, "a vouched message moves a learned name to where it came from")
        #expect(kept.from == configuredAddress && stayed == alice.localAddress, "a configured peer stays where it was configured")
    }

    @Test("over UDP, a node without authentication learns its senders' addresses from every message that decodes")
    func addressesFromEveryMessageByDefault() async throws {
        let forger = try UDPSocket.bind(loopback)
        defer { forger.close() }
        let server = NodeShell(Counter(), configuration: .init(id: "server", listen: loopback)) { _ in }
        let address = try await server.start()
        async let serving: Void = server.run()
        try forger.send(NodeID("alice").encoded() + NodeID("server").encoded() + UInt64(1).encoded(), to: address)
        let answer = try await withDeadline(.seconds(60)) { try await forger.receive() }
        await server.stop()
        try await serving
        #expect(answer.from == address, "the answer to alice went to where alice's message came from")
    }

    @Test("garbage datagrams are logged, counted and dropped; the node keeps serving")
    func garbage() async throws {
        let events = Collector()
        let server = NodeShell(Counter(), configuration: .init(id: "server", listen: loopback), observer: events.observer)
        let address = try await server.start()
        async let serving: Void = server.run()
        let prober = try UDPSocket.bind(loopback)
        defer { prober.close() }
        var random = SeededRandom(seed: 99)
        for length in [0, 1, 3, 17, 200, 1400] {
            try prober.send((0..<length).map { _ in UInt8.random(in: 0...255, using: &random) }, to: address)
        }
        // A well-formed envelope for another node is refused too.
        var writer = WireWriter()
        writer.write(NodeID("prober")); writer.write(NodeID("somebody-else")); writer.write(UInt64(5))
        try prober.send(writer.bytes, to: address)
        // Then a good one is still answered.
        writer = WireWriter()
        writer.write(NodeID("prober")); writer.write(NodeID("server")); writer.write(UInt64(7))
        try prober.send(writer.bytes, to: address)
        let answer = try await withDeadline(.seconds(60)) { try await prober.receive() }
        await server.stop()
        try await serving
        var reader = WireReader(answer.bytes)
        #expect(try reader.read(NodeID.self) == "server")
        #expect(try reader.read(NodeID.self) == "prober")
        #expect(try reader.read(UInt64.self) == 7)
        // Logged once a second per kind, so a flood of garbage costs a line, not a line per datagram.
        #expect(events.logs.filter { $0.hasPrefix("dropped") && $0.contains("bytes from") }.count == 1, "\(events.logs)")
        #expect(events.logs.filter { $0.hasPrefix("dropped a message for somebody-else") }.count == 1, "\(events.logs)")
        #expect(await server.undecodable == 6, "the six garbage datagrams, not the envelope for somebody else")
    }

    @Test("the disk writes happen off the node's actor, yet a message sent after a write arrives only once the write is on disk")
    func persistBeforeSend() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("shell-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        /// Writes ten values, each followed by a message announcing it.
        struct Announcer: NodeLogic {
            let peer: NodeID
            mutating func start(_ ctx: inout NodeContext<UInt64, UInt64>) {
                for value in 1...10 as ClosedRange<UInt64> {
                    ctx.persist(value.encoded(), forKey: "last")
                    ctx.send(value, to: peer)
                }
            }
            mutating func receive(_ message: UInt64, from sender: NodeID, _ ctx: inout NodeContext<UInt64, UInt64>) {}
        }
        /// On each announcement, reads what the announcer's folder holds right then.
        struct Auditor: NodeLogic {
            mutating func receive(_ message: UInt64, from sender: NodeID, _ ctx: inout NodeContext<UInt64, UInt64>) {
                ctx.deliver(message)
            }
        }
        let onDisk = Lock<[(announced: UInt64, stored: UInt64?)]>([])
        let events = Collector()
        let auditor = NodeShell(Auditor(), configuration: .init(id: "auditor", listen: loopback)) { event in
            if case let .output(announced) = event {
                let stored = (try? DiskStore(folder: folder).load())?["last"].flatMap { try? UInt64.decode($0) }
                onDisk.withLock { $0.append((announced, stored)) }
            }
            events.observer(event)
        }
        let address = try await auditor.start()
        let announcer = NodeShell(Announcer(peer: "auditor"), configuration: .init(
            id: "announcer", listen: loopback, peers: ["auditor": address], storageFolder: folder)) { _ in }
        async let auditing: Void = auditor.run()
        try await announcer.start()
        _ = await events.wait { $0.outputs.count == 10 }
        await announcer.stop()
        try await announcer.run()
        await auditor.stop()
        try await auditing
        let seen = onDisk.withLock { $0 }
        #expect(seen.count == 10)
        #expect(seen.allSatisfy { ($0.stored ?? 0) >= $0.announced }, "announced before stored: \(seen)")
    }

    @Test("a restarted node recovers what it persisted from its storage folder")
    func persistence() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("shell-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for round in 0..<2 {
            let events = Collector(), askerEvents = Collector()
            let server = NodeShell(Counter(), configuration: .init(id: "server", listen: loopback, storageFolder: folder), observer: events.observer)
            let address = try await server.start()
            let asker = NodeShell(Asker(peer: "server", times: 3), configuration: .init(id: "asker", listen: loopback, peers: ["server": address]), observer: askerEvents.observer)
            async let serving: Void = server.run()
            async let asking: Void = asker.run()
            let done = await askerEvents.wait { $0.outputs.count == 3 }
            await asker.stop()
            await server.stop()
            try await asking
            try await serving
            #expect(done)
            #expect(events.outputs.first == UInt64(3 * round), "start should see the count persisted by the previous run")
            #expect(askerEvents.outputs.max() == UInt64(3 * round + 3))
        }
    }

    @Test("injected loss drops about the configured share of sends, reproducibly from the seed")
    func injectedLoss() async throws {
        let traces = Lock<[TraceEvent]>([])
        let sink = Collector()
        let server = NodeShell(Counter(), configuration: .init(id: "server", listen: loopback), observer: sink.observer)
        let address = try await server.start()
        let asker = NodeShell(Asker(peer: "server", times: 2000), configuration: .init(
            id: "asker", listen: loopback, peers: ["server": address], faults: FaultPlan(dropRate: 0.25), seed: 5)) { event in
            if case let .trace(event) = event { traces.withLock { $0.append(event) } }
        }
        try await asker.start()
        await asker.stop()
        try await asker.run()
        await server.stop()
        let drops = traces.withLock { $0.filter { $0.kind == .drop }.count }
        #expect((400...600).contains(drops), "dropped \(drops) of 2000 at rate 0.25")
    }

    @Test("a node whose handler throws stops its shell with the reason")
    func failure() async throws {
        struct Failing: NodeLogic {
            mutating func start(_ ctx: inout NodeContext<UInt64, Never>) throws { try todo("9.9") }
            mutating func receive(_ message: UInt64, from sender: NodeID, _ ctx: inout NodeContext<UInt64, Never>) {}
        }
        let shell = NodeShell(Failing(), configuration: .init(id: "broken", listen: loopback)) { _ in }
        await #expect(throws: NodeShellError.nodeFailed(node: "broken", reason: "not implemented: exercise 9.9")) {
            try await shell.run()
        }
    }
}
