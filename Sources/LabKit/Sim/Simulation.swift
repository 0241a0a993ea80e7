/// Runs nodes in virtual time over a faulty network, deterministically: the same seed gives the same run,
/// event for event, so any failure replays exactly.
///
/// Events are ordered by `(virtual time, scheduling order)`; every random choice (loss, copies, delays, the
/// nodes' own `ctx.random`) comes from generators derived from the seed. A minute of protocol runs in
/// milliseconds.
///
/// Every node of a simulation is where its name says, as a configured peer is for the real shell: nothing a
/// node vouches for moves it. A name that is no node is learned as the shell learns one: a node that vouches
/// for it (``NodeContext/vouch(for:)``) while handling a message sends what it means for that name to the node
/// the message came from, until it vouches again or crashes.
/// ```swift
/// let sim = Simulation<PingMessage, PingEvent>(seed: 7, faults: .lossy(0.3))
/// sim.add("server") { PingServer() }
/// sim.add("client") { PingClient(config: .init(server: "server", count: 10)) }
/// try sim.run(until: .seconds(30))
/// print(sim.deliveries)
/// ```
public final class Simulation<Message: WireCodable & Sendable, Output: Sendable> {
    /// The seed this run replays from.
    public let seed: UInt64
    /// The faults applied to every message from now on; a scenario may change them mid-run.
    public var faults: FaultPlan {
        get { network.plan }
        set { network.plan = newValue; FaultCensus.note(newValue) }
    }
    /// The current virtual time.
    public var now: Duration { .nanoseconds(nowNanoseconds) }
    /// Every event so far, when tracing is on (it costs time and memory; benchmarks turn it off).
    public private(set) var trace: [TraceEvent] = []
    /// Every message sent and received so far, typed, when tracing is on: graders check protocols with it.
    public private(set) var messages: [MessageRecord<Message>] = []
    /// Everything nodes reported to their users, in order.
    public private(set) var deliveries: [Delivery<Output>] = []
    /// What the network did so far.
    public private(set) var stats = NetworkStats()
    /// The most events this simulation may process over its whole life before it stops with
    /// ``SimulationError/eventLimit(_:)``.
    public var eventLimit = 10_000_000

    private var nowNanoseconds: Int64 = 0
    private let tracing: Bool
    private var network: FaultInjector
    private var queue = EventQueue<Event>()
    private var nodes: [Slot] = []
    private var indexOf: [NodeID: Int] = [:]
    private var groupOf: [NodeID: Int]?
    private var processed = 0
    private var nextMessageID = 0
    private var failure: SimulationError?

    private enum Event {
        case start(node: Int, incarnation: Int)
        case deliver(Message, from: Int, to: Int, messageID: Int)
        case timer(node: Int, TimerID, generation: UInt64)
        case command(node: Int, Any)
        case action((Simulation) -> Void)
    }

    private final class Slot {
        let id: NodeID
        let index: Int
        let make: () -> SimulatedNode<Message, Output>
        var node: SimulatedNode<Message, Output>?
        var context: NodeContext<Message, Output>
        /// The node's blobs, shared with its context: committed ones outlive crashes, unfinished ones do not.
        let blobs = MemoryBlobStore()
        var incarnation = 0
        var timers: [TimerID: UInt64] = [:]
        var nextGeneration: UInt64 = 0
        /// Names of no node that this node vouched for: the node whose message it vouched on, where its messages
        /// for them go.
        var routes: [NodeID: Int] = [:]

        init(id: NodeID, index: Int, seed: UInt64, make: @escaping () -> SimulatedNode<Message, Output>) {
            self.id = id
            self.index = index
            self.make = make
            context = NodeContext(id: id, now: .zero, random: SeededRandom(seed: seed, stream: "node \(id)#0"), blobs: blobs)
        }
    }

    /// A simulation whose every choice derives from `seed`.
    public init(seed: UInt64, faults: FaultPlan = .reliable, tracing: Bool = true) {
        self.seed = seed
        self.tracing = tracing
        network = FaultInjector(plan: faults, random: SeededRandom(seed: seed, stream: "network"))
        FaultCensus.noteSimulation(faults)
    }

    /// Adds a node that starts at the current time; `make` builds it now and again after every restart.
    @discardableResult
    public func add<Logic: NodeLogic>(_ id: NodeID, _ make: @escaping () -> Logic) -> NodeHandle<Logic>
    where Logic.Message == Message, Logic.Output == Output {
        precondition(indexOf[id] == nil, "node \(id) was added twice")
        let slot = Slot(id: id, index: nodes.count, seed: seed) { HostedNode(make()) }
        indexOf[id] = nodes.count
        nodes.append(slot)
        slot.node = slot.make()
        queue.push(.start(node: nodes.count - 1, incarnation: 0), at: nowNanoseconds)
        return NodeHandle(id: id)
    }

    /// The names of all nodes, in the order they were added.
    public var nodeIDs: [NodeID] { nodes.map(\.id) }

    /// Whether `id` is running (added and not crashed).
    public func isUp(_ id: NodeID) -> Bool { slot(id).node != nil }

    /// The current state of a running node, for graders to inspect; `nil` while it is crashed.
    public func state<Logic: NodeLogic>(of handle: NodeHandle<Logic>) -> Logic? {
        slot(handle.id).node?.logic as? Logic
    }

    /// The durable storage of a node (it survives crashes).
    public func storage(of id: NodeID) -> [String: [UInt8]] { slot(id).context.storage }

    /// The blob store of a node: committed blobs survive its crashes, unfinished ones do not.
    public func blobs(of id: NodeID) -> MemoryBlobStore { slot(id).blobs }

    /// Crashes `id` now: it loses its memory, pending timers and unfinished blobs, keeps its durable storage and
    /// committed blobs, and drops every message that reaches it until ``restart(_:)``.
    public func crash(_ id: NodeID) {
        let slot = slot(id)
        guard slot.node != nil else { return }
        slot.node = nil
        slot.timers.removeAll()
        slot.routes.removeAll()
        slot.blobs.loseUnfinished()
        slot.incarnation += 1
        FaultCensus.noteCrash()
        record(.crash, node: id)
    }

    /// Restarts a crashed node from a fresh value and its durable storage; its `start` runs right away.
    public func restart(_ id: NodeID) {
        let slot = slot(id)
        guard slot.node == nil else { return }
        let node = slot.make()
        slot.node = node
        slot.context.random = SeededRandom(seed: seed, stream: "node \(id)#\(slot.incarnation)")
        FaultCensus.noteRestart()
        record(.restart, node: id)
        // `start` runs at once, so nothing queued for this same instant reaches the node before it.
        dispatch(slot, "start") { try node.start(&$0) }
    }

    /// Splits the network: a message that arrives across the cut is lost, including one already in flight
    /// when the partition starts, until ``heal()``. Nodes in no group form one more group together.
    public func partition(_ groups: [[NodeID]]) {
        var map: [NodeID: Int] = [:]
        for (number, group) in groups.enumerated() { for id in group { map[id] = number + 1 } }
        groupOf = map
        FaultCensus.notePartition()
        record(.partition, node: groups.first?.first ?? nodes[0].id, detail: groups.map { $0.map(\.name).joined(separator: ",") }.joined(separator: " | "))
    }

    /// Ends a partition: every node can reach every other again.
    public func heal() {
        guard groupOf != nil else { return }
        groupOf = nil
        record(.heal, node: nodes[0].id)
    }

    /// Hands `command` to the node behind `handle` at the current time, as if its user typed it.
    public func command<Logic: NodeLogic>(_ command: Logic.Command, to handle: NodeHandle<Logic>) {
        queue.push(.command(node: indexOf[handle.id]!, command), at: nowNanoseconds)
    }

    /// Sends `message` from node `sender` to `destination` now, through the same faulty network, whatever
    /// `sender`'s own logic would do: how a grader plays an attacker that replays a captured datagram or
    /// forges one (add the attacker as a node that does nothing, then inject from it).
    public func inject(_ message: Message, from sender: NodeID, to destination: NodeID) {
        transmit(message, from: slot(sender), to: destination)
    }

    /// Runs `action` at virtual time `time` (crash a node, heal a partition, send a command…).
    public func schedule(at time: Duration, _ action: @escaping (Simulation) -> Void) {
        queue.push(.action(action), at: max(time, now).nanoseconds)
    }

    /// Processes every event up to and including `deadline`, then sets the clock to `deadline`.
    public func run(until deadline: Duration) throws(SimulationError) {
        try run(while: { _ in true }, deadline: deadline)
        nowNanoseconds = max(nowNanoseconds, deadline.nanoseconds)
    }

    /// Processes events until `done` holds (checked after each event), the queue empties, or `deadline`.
    /// Returns whether `done` held.
    @discardableResult
    public func run(until done: (Simulation) -> Bool, deadline: Duration) throws(SimulationError) -> Bool {
        try run(while: { !done($0) }, deadline: deadline)
        return done(self)
    }

    private func run(while going: (Simulation) -> Bool, deadline: Duration) throws(SimulationError) {
        if let failure { throw failure }
        let limit = deadline.nanoseconds
        while going(self), let time = queue.nextTime, time <= limit {
            let (_, event) = queue.pop()!
            nowNanoseconds = time
            processed += 1
            if processed > eventLimit { failure = .eventLimit(eventLimit) }
            else { handle(event) }
            if let failure { throw failure }
        }
    }

    private func slot(_ id: NodeID) -> Slot {
        guard let index = indexOf[id] else { preconditionFailure("no node named \(id) in this simulation") }
        return nodes[index]
    }

    private func handle(_ event: Event) {
        switch event {
        case let .start(index, incarnation):
            let slot = nodes[index]
            guard slot.incarnation == incarnation, let node = slot.node else { return }
            dispatch(slot, "start") { try node.start(&$0) }
        case let .deliver(message, senderIndex, index, messageID):
            let slot = nodes[index], sender = nodes[senderIndex].id
            guard let node = slot.node else {
                stats.dropped += 1
                record(.drop, node: sender, peer: slot.id, messageID: messageID, detail: "\(slot.id) is down")
                return
            }
            if let groupOf, groupOf[sender, default: 0] != groupOf[slot.id, default: 0] {
                stats.dropped += 1
                record(.drop, node: sender, peer: slot.id, messageID: messageID, detail: "partitioned")
                return
            }
            stats.delivered += 1
            if tracing {
                record(.receive, node: slot.id, peer: sender, messageID: messageID, detail: "\(message)")
                messages.append(MessageRecord(time: now, event: .received, from: sender, to: slot.id, message: message, messageID: messageID))
            }
            dispatch(slot, "a message from \(sender)", source: senderIndex) { try node.receive(message, from: sender, &$0) }
        case let .timer(index, timer, generation):
            let slot = nodes[index]
            guard let node = slot.node, slot.timers[timer] == generation else { return }
            slot.timers[timer] = nil
            if tracing { record(.timerFired, node: slot.id, detail: "\(timer)") }
            dispatch(slot, "timer \(timer)") { try node.timerFired(timer, &$0) }
        case let .command(index, command):
            let slot = nodes[index]
            guard let node = slot.node else { return }
            if tracing { record(.command, node: slot.id, detail: "\(command)") }
            dispatch(slot, "command \(command)") { try node.command(command, &$0) }
        case let .action(action):
            action(self)
        }
    }

    /// Runs one handler of `slot`'s node and carries out its effects; `source` is the node whose message it handles.
    private func dispatch(_ slot: Slot, _ what: @autoclosure () -> String, source: Int? = nil,
                          _ body: (inout NodeContext<Message, Output>) throws -> Void) {
        slot.context.nanoseconds = nowNanoseconds
        do {
            try body(&slot.context)
        } catch {
            let reason = "\(error)"
            record(.failure, node: slot.id, detail: reason)
            failure = .nodeFailed(node: slot.id, event: what(), reason: reason)
            slot.context.clearEffects()  // A handler that failed half-way has no effects.
        }
        for effect in slot.context.effects { apply(effect, from: slot, source: source) }
        slot.context.clearEffects()
    }

    private func apply(_ effect: Effect<Message, Output>, from slot: Slot, source: Int?) {
        switch effect {
        case let .send(message, destination):
            transmit(message, from: slot, to: destination)
        case let .setTimer(timer, delay):
            slot.nextGeneration += 1
            slot.timers[timer] = slot.nextGeneration
            if tracing { record(.timerSet, node: slot.id, detail: "\(timer) in \(delay)") }
            queue.push(.timer(node: slot.index, timer, generation: slot.nextGeneration), at: nowNanoseconds + max(delay, .zero).nanoseconds)
        case let .cancelTimer(timer):
            slot.timers[timer] = nil
        case let .log(line):
            if tracing { record(.log, node: slot.id, detail: line) }
        case let .deliver(output):
            deliveries.append(Delivery(time: now, node: slot.id, output: output))
            if tracing { record(.deliver, node: slot.id, detail: "\(output)") }
        case .persist:
            break  // The context already holds the new storage, and it outlives crashes.
        case let .vouch(name):
            guard let source, indexOf[name] == nil, slot.routes[name] != source else { return }
            slot.routes[name] = source
            record(.log, node: slot.id, peer: name, detail: "vouched for \(name): its messages go to \(nodes[source].id)")
        }
    }

    private func transmit(_ sent: Message, from senderSlot: Slot, to destination: NodeID) {
        let sender = senderSlot.id
        nextMessageID += 1
        let messageID = nextMessageID
        stats.sent += 1
        if tracing {
            record(.send, node: sender, peer: destination, messageID: messageID, detail: "\(sent)")
            messages.append(MessageRecord(time: now, event: .sent, from: sender, to: destination, message: sent, messageID: messageID))
        }
        // What arrives is what the wire gives back, as in a real run: a message its own decoder refuses (an array
        // past its bound) never arrives.
        let message: Message
        do {
            message = try Message.decode(sent.encoded())
        } catch {
            stats.dropped += 1
            stats.undecodable += 1
            record(.drop, node: sender, peer: destination, messageID: messageID, detail: "the receiver cannot decode it: \(error)")
            return
        }
        guard let index = indexOf[destination] ?? senderSlot.routes[destination] else {
            stats.dropped += 1
            record(.drop, node: sender, peer: destination, messageID: messageID, detail: "no node named \(destination)")
            return
        }
        switch network.nextFate() {
        case .lost:
            stats.dropped += 1
            if tracing { record(.drop, node: sender, peer: destination, messageID: messageID, detail: "lost") }
        case let .delivered(delay):
            queue.push(.deliver(message, from: senderSlot.index, to: index, messageID: messageID), at: nowNanoseconds + delay.nanoseconds)
        case let .duplicated(first, second):
            stats.duplicated += 1
            if tracing { record(.duplicate, node: sender, peer: destination, messageID: messageID, detail: "\(message)") }
            queue.push(.deliver(message, from: senderSlot.index, to: index, messageID: messageID), at: nowNanoseconds + first.nanoseconds)
            queue.push(.deliver(message, from: senderSlot.index, to: index, messageID: messageID), at: nowNanoseconds + second.nanoseconds)
        }
    }

    private func record(_ kind: TraceEvent.Kind, node: NodeID, peer: NodeID? = nil, messageID: Int? = nil, detail: String = "") {
        guard tracing else { return }
        trace.append(TraceEvent(time: now, kind: kind, node: node, peer: peer, messageID: messageID, detail: detail))
    }
}
