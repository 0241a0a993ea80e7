/// Runs one node for real: its messages travel over UDP datagrams or TCP frames, its timers on the wall
/// clock, its storage in a folder. One shell per OS process is the usual setup (`labrunner node …`);
/// live tests run several in one process on loopback.
///
/// The shell is an actor, so the node sees one event at a time, exactly as in the simulator. Garbage on
/// the socket is logged and dropped; the node keeps serving.
/// ```swift
/// let shell = NodeShell(PingServer(), configuration: .init(id: "server", listen: try .parse("127.0.0.1:9000"))) {
///     if case let .log(line) = $0 { print(line) }
/// }
/// try await shell.run()
/// ```
public actor NodeShell<Logic: NodeLogic> {
    /// Where and how the node runs.
    public struct Configuration: Sendable {
        public var id: NodeID
        /// The address to bind; port 0 picks a free one (see ``localAddress``).
        public var listen: SocketAddress
        public var transport: Transport
        /// Known peers' addresses; others are learned from the messages they send, once vouched for (see
        /// ``NodeLogic/authenticatesSenders``).
        public var peers: [NodeID: SocketAddress]
        /// Faults injected on this node's own outgoing traffic (for demos), drawn from `seed`.
        public var faults: FaultPlan
        /// Seeds the node's `ctx.random` and the injected faults.
        public var seed: UInt64
        /// Whether `ctx.random` draws from the OS's secure generator (``SeededRandom/system``) rather than from
        /// `seed`: for nodes whose random values are secrets. Injected faults still replay from `seed`.
        public var secureRandom = false
        /// Where `ctx.persist` writes, and `ctx.blobs` in its `blobs` subfolder; `nil` keeps both in memory (lost
        /// when the process dies).
        public var storageFolder: String?
        /// Over TCP: how many connections, how much silence and how long a frame peers may make the node hold.
        public var connectionLimits: ConnectionLimits
        /// Whether the shell hands its observer trace events. Off, it never formats a message for one: a
        /// chunk of a file is not turned into text at every hop when nobody records a trace.
        public var traces: Bool
        /// Over TCP: the key the servers of this node's cluster share. With it, this node proves its name on every
        /// connection it dials, and a connection speaks as one of `peers` only once it proved it (``ClusterKey``).
        public var clusterKey: ClusterKey?
        /// Over TCP: the node's second path for bulk bytes, if it has one (``BulkLane``).
        public var bulkLane: (any BulkLane<Logic.Message>)?

        public init(id: NodeID, listen: SocketAddress, transport: Transport = .udp, peers: [NodeID: SocketAddress] = [:],
                    faults: FaultPlan = .none, seed: UInt64 = 1, storageFolder: String? = nil, connectionLimits: ConnectionLimits = .standard,
                    traces: Bool = true) {
            self.id = id
            self.listen = listen
            self.transport = transport
            self.peers = peers
            self.faults = faults
            self.seed = seed
            self.storageFolder = storageFolder
            self.connectionLimits = connectionLimits
            self.traces = traces
        }
    }

    private var logic: Logic
    private var context: NodeContext<Logic.Message, Logic.Output>
    private let configuration: Configuration
    private let observer: @Sendable (ShellEvent<Logic.Output>) -> Void
    /// For the lines garbage and forgeries repeat: once a second per kind, with a count.
    private let floodLog: LogThrottle
    private let started = ContinuousClock.now
    private var addressBook: AddressBook
    private var faults: FaultInjector
    private let outbox = ShellOutbox()
    private var timers: [TimerID: (generation: UInt64, task: Task<Void, Never>)] = [:]
    private var nextGeneration: UInt64 = 0
    private var udp: UDPSocket?
    private var mesh: TCPMesh?
    private var stopRequested = false
    private var stopSignal: CheckedContinuation<Void, Never>?
    private var failure: NodeShellError?
    /// What came back on the bulk lane, from whom, in order: handled like messages from the mesh.
    private let laneAnswers = AsyncStream<(Logic.Message, NodeID)>.makeStream()

    /// A shell for `logic`; nothing happens until ``run()``.
    public init(_ logic: Logic, configuration: Configuration, observer: @escaping @Sendable (ShellEvent<Logic.Output>) -> Void) {
        self.logic = logic
        self.configuration = configuration
        self.observer = observer
        floodLog = LogThrottle { observer(.log($0)) }
        addressBook = AddressBook(configuration.peers)
        faults = FaultInjector(plan: configuration.faults, random: SeededRandom(seed: configuration.seed, stream: "faults \(configuration.id)"))
        context = NodeContext(id: configuration.id, now: .zero,
                              random: configuration.secureRandom ? .system : SeededRandom(seed: configuration.seed, stream: "node \(configuration.id)"))
    }

    /// The bound address, once ``run()`` has opened the socket.
    public private(set) var localAddress: SocketAddress?
    /// Datagrams or frames that were not a message envelope at all (garbage sent to the port): dropped here,
    /// before the node could see them, so a node's own tally of refused messages does not count them.
    public private(set) var undecodable = 0
    /// Over TCP, messages refused because their connection could not speak for the name they claimed.
    public private(set) var refusedClaims = 0
    /// Over TCP, how many connections this node closed to stay within its ``ConnectionLimits``.
    public var connectionsClosedByLimits: Int { mesh?.closedByLimits ?? 0 }

    /// Opens the socket and starts the node; returns the bound address. ``run()`` then serves.
    @discardableResult
    public func start() async throws -> SocketAddress {
        if let localAddress { return localAddress }
        if let folder = configuration.storageFolder {
            do {
                let storage = try DiskStore(folder: folder).load()
                let blobs = try DiskBlobStore(folder: "\(folder)/blobs")
                context = NodeContext(id: context.id, now: .zero, random: context.random, storage: storage, blobs: blobs)
            } catch {
                throw NodeShellError.storage("\(error)")
            }
        }
        switch configuration.transport {
        case .udp:
            let socket = try UDPSocket.bind(configuration.listen)
            udp = socket
            localAddress = socket.localAddress
        case .tcp:
            let cluster = configuration.clusterKey.map { (name: configuration.id, key: $0, members: Set(configuration.peers.keys)) }
            var streams: TCPMesh.Streams?
            if let lane = configuration.bulkLane {
                streams = { connection, decoder, peer in await lane.serve(connection, decoder: decoder, peer: peer) }
            }
            let mesh = try TCPMesh(listen: configuration.listen, limits: configuration.connectionLimits, cluster: cluster,
                                   streams: streams) { [weak self] bytes, address in
                await self?.incoming(bytes, from: address)
            } log: { [observer] line in
                observer(.log(line))
            }
            self.mesh = mesh
            localAddress = mesh.localAddress
        }
        dispatch("start") { logic, ctx in try logic.start(&ctx) }
        return localAddress!
    }

    /// Serves (starting first if needed) until ``stop()``, cancellation, or until the node fails.
    public func run() async throws {
        try await start()
        await withTaskGroup(of: Void.self) { group in
            if let udp {
                group.addTask { [weak self] in
                    while !Task.isCancelled {
                        guard let (bytes, address) = try? await udp.receive() else { break }
                        await self?.incoming(bytes, from: address)
                    }
                }
            }
            if let mesh { group.addTask { await mesh.serve() } }
            if configuration.bulkLane != nil {
                group.addTask { [weak self, answers = laneAnswers.stream] in
                    for await (message, peer) in answers { await self?.answered(message, from: peer) }
                }
            }
            await waitForStop()
            configuration.bulkLane?.close()
            laneAnswers.continuation.finish()
            group.cancelAll()
        }
        for (_, timer) in timers { timer.task.cancel() }
        timers.removeAll()
        await outbox.finish()
        udp?.close()
        await mesh?.close()
        if let failure { throw failure }
    }

    /// Asks the node to stop: timers are cancelled and the socket closed; ``run()`` returns.
    public func stop() {
        stopRequested = true
        stopSignal?.resume()
        stopSignal = nil
    }

    /// Hands a user command to the node (a line typed at its prompt).
    public func command(_ command: Logic.Command) {
        emit(.command, detail: "\(command)")
        dispatch("command \(command)") { logic, ctx in try logic.command(command, &ctx) }
    }

    /// Where the node's messages for `name` go now: a hook for tests of who may change it.
    package func address(of name: NodeID) -> SocketAddress? {
        addressBook.address(of: name)
    }

    /// Reads the node's current state, for a prompt's `/history` or a test; the node itself is not changed.
    public func inspect<Value: Sendable>(_ read: (Logic) -> Value) -> Value {
        read(logic)
    }

    /// Returns once ``stop()`` is called or the surrounding task is cancelled.
    private func waitForStop() async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                if stopRequested || Task.isCancelled { continuation.resume() } else { stopSignal = continuation }
            }
        } onCancel: {
            Task { await self.stop() }
        }
    }

    private func incoming(_ bytes: [UInt8], from address: SocketAddress) {
        guard !stopRequested else { return }
        let envelope: Envelope<Logic.Message>
        do {
            envelope = try Envelope<Logic.Message>.decode(bytes)
        } catch {
            undecodable += 1
            floodLog.say("undecodable", "dropped \(bytes.count) bytes from \(address): \(error)")
            return
        }
        // A node also answers to its own address, so a peer known only as HOST:PORT can be greeted.
        guard envelope.to == configuration.id || envelope.to.name == localAddress?.description else {
            floodLog.say("misaddressed", "dropped a message for \(envelope.to) (this is \(configuration.id)) from \(address)")
            return
        }
        // A node that authenticates its senders vouches for them itself, once a message has passed its checks:
        // the name in a clear envelope proves nothing.
        if configuration.transport == .udp && !Logic.authenticatesSenders { addressBook.heard(envelope.from, at: address) }
        if let mesh {
            if let refusal = mesh.claim(envelope.from, from: address) {
                refusedClaims += 1
                floodLog.say("refused \(envelope.from)", "refused a message from \(address) claiming to be \(envelope.from): \(refusal)")
                return
            }
            mesh.learn(envelope.from, at: address)
        }
        emit(.receive, peer: envelope.from, detail: "\(envelope.message)")
        dispatch("a message from \(envelope.from)", source: address) { logic, ctx in try logic.receive(envelope.message, from: envelope.from, &ctx) }
    }

    /// An answer the bulk lane brought back from `peer` (which proved its name on the stream, with a cluster key).
    private func answered(_ message: Logic.Message, from peer: NodeID) {
        guard !stopRequested else { return }
        emit(.log, peer: peer, detail: "data plane: \(message)")
        dispatch("a message from \(peer)") { logic, ctx in try logic.receive(message, from: peer, &ctx) }
    }

    private func fire(_ timer: TimerID, generation: UInt64) {
        guard !stopRequested, timers[timer]?.generation == generation else { return }
        timers[timer] = nil
        emit(.timerFired, detail: "\(timer)")
        dispatch("timer \(timer)") { logic, ctx in try logic.timerFired(timer, &ctx) }
    }

    /// Runs one handler and carries out its effects; `source` is the address of the message handled, if any.
    private func dispatch(_ event: String, source: SocketAddress? = nil, _ body: (inout Logic, inout NodeContext<Logic.Message, Logic.Output>) throws -> Void) {
        guard failure == nil else { return }
        context.nanoseconds = (ContinuousClock.now - started).nanoseconds
        do {
            try body(&logic, &context)
        } catch {
            failure = .nodeFailed(node: configuration.id, reason: "\(error)")
            emit(.failure, detail: "\(error) (while handling \(event))")
            context.clearEffects()  // A handler that failed half-way has no effects.
            stop()
        }
        let effects = context.effects
        context.clearEffects()
        var sends = StepSends()
        for effect in effects {
            if case let .send(message, name) = effect, addressBook.hasAliases,
               case let destination = addressBook.destination(name), sends.isRepeat(message, to: name, destination: destination) {
                emit(.log, peer: name, detail: "not sent: \(destination), which \(name) stands for, already got this message in this step")
                continue
            }
            apply(effect, source: source)
        }
    }

    private func apply(_ effect: Effect<Logic.Message, Logic.Output>, source: SocketAddress?) {
        switch effect {
        case let .send(message, destination):
            send(message, to: destination)
        case let .setTimer(timer, delay):
            timers[timer]?.task.cancel()
            nextGeneration += 1
            let generation = nextGeneration
            let task = Task { [weak self] in
                try? await Task.sleep(for: delay)
                guard !Task.isCancelled else { return }
                await self?.fire(timer, generation: generation)
            }
            timers[timer] = (generation, task)
        case let .cancelTimer(timer):
            timers.removeValue(forKey: timer)?.task.cancel()
        case let .log(line):
            observer(.log(line))
            emit(.log, detail: line)
        case let .deliver(output):
            observer(.output(output))
            emit(.deliver, detail: "\(output)")
        case let .persist(key, value):
            guard let folder = configuration.storageFolder else { return }
            outbox.write({ try DiskStore(folder: folder).save(value, forKey: key) }, failed: { [weak self] error in
                Task { await self?.storageFailed(error) }
            })
        case let .vouch(name):
            // Over TCP the connection already proved the name (`TCPMesh.claim`).
            if configuration.transport == .udp, let source { addressBook.heard(name, at: source) }
        }
    }

    /// A write to the storage folder failed: the node stops, and nothing it sent after that write goes out.
    private func storageFailed(_ error: any Error) {
        if failure == nil { failure = .storage("\(error)") }
        stop()
    }

    private func send(_ message: Message, to destination: NodeID) {
        if let lane = configuration.bulkLane, let mesh, lane.carries(message, to: destination), let address = addressBook.address(of: destination) {
            emit(.log, peer: destination, detail: "data plane: \(message)")
            let answers = laneAnswers.continuation
            lane.send(message, to: destination, dial: { try await mesh.dialStream(to: address, peer: destination) },
                      answer: { answers.yield(($0, destination)) })
            return
        }
        emit(.send, peer: destination, detail: "\(message)")
        let bytes = Envelope(from: configuration.id, to: destination, message: message).encoded()
        switch faults.nextFate() {
        case .lost:
            emit(.drop, peer: destination, detail: "\(message)" + TraceEvent.injectedLoss)
        case let .delivered(delay):
            transmit(bytes, to: destination, after: delay)
        case let .duplicated(first, second):
            transmit(bytes, to: destination, after: first)
            transmit(bytes, to: destination, after: second)
        }
    }

    private typealias Message = Logic.Message

    /// Sends `bytes` to `destination` through the outbox, now or after an injected `delay`.
    private func transmit(_ bytes: [UInt8], to destination: NodeID, after delay: Duration) {
        guard delay == .zero else {
            Task { [weak self] in
                try? await Task.sleep(for: delay)
                await self?.transmit(bytes, to: destination, after: .zero)
            }
            return
        }
        guard !stopRequested else { return }
        let address = addressBook.address(of: destination)
        if let mesh {
            outbox.send { mesh.send(bytes, to: destination, address: address) }
            return
        }
        guard let address, let udp else {
            observer(.log(AddressBook.unknownAddress(destination)))
            return
        }
        let observer = observer
        outbox.send {
            do { try udp.send(bytes, to: address) } catch { observer(.log("send to \(destination) at \(address) failed: \(error)")) }
        }
    }

    private func emit(_ kind: TraceEvent.Kind, peer: NodeID? = nil, detail: @autoclosure () -> String) {
        guard configuration.traces else { return }
        observer(.trace(TraceEvent(time: ContinuousClock.now - started, kind: kind, node: configuration.id, peer: peer, detail: detail())))
    }
}
