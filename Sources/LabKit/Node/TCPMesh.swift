
/// The TCP side of a ``NodeShell``: accepts connections, dials peers on first send, keeps one outgoing
/// queue per peer (so frames to a peer stay in order), and hands every frame read to the shell.
/// A connection that breaks is forgotten; the next send to that peer dials again.
///
/// Names are bound to what proved them (see ``claim(_:from:)``): a connection to the name it first spoke as,
/// and a name to a random ``Ticket`` this mesh hands that connection, which the peer presents first on any
/// later connection. So a peer whose connection broke (or was evicted) takes its name back at once, and no
/// one else can take it while the ticket is fresh. Every frame starts with a ``FrameKind`` byte.
final class TCPMesh: Sendable {
    typealias Deliver = @Sendable ([UInt8], SocketAddress) async -> Void
    /// Takes a connection whose first frame asked for the node's ``BulkLane``, with the bytes read from it and
    /// the name it proved (if any); returns when the stream ends.
    typealias Streams = @Sendable (TCPConnection, FrameDecoder, NodeID?) async -> Void

    private struct State {
        /// Per peer: the connection its frames go out on (by remote address) and the queue feeding it.
        var outboxes: [NodeID: Outbox] = [:]
        var nextOutbox = 0
        var connections: [SocketAddress: TCPConnection] = [:]
        /// The name each connection proved by speaking first, and the connection each name is bound to.
        var speakers: [SocketAddress: NodeID] = [:]
        var owners: [NodeID: SocketAddress] = [:]
        /// When each accepted connection last completed a frame (or was accepted): who to evict first.
        var lastHeard: [SocketAddress: ContinuousClock.Instant] = [:]
        /// The ticket issued to each name that proved itself here, and when the last connection of a ticketed name
        /// closed (its name stays reserved for the ticket's holder for ``ConnectionLimits/nameHold``).
        var tickets: [NodeID: Ticket] = [:]
        var released: [NodeID: ContinuousClock.Instant] = [:]
        /// Tickets to hand over on connections that proved a name, before any other frame to them.
        var unsentTickets: [SocketAddress: Ticket] = [:]
        /// The tickets other nodes issued this one, by the name this node sends to them as.
        var heldTickets: [NodeID: Ticket] = [:]
        /// The bytes of unfinished frames each connection's reader holds, and their sum.
        var held: [SocketAddress: Int] = [:]
        var heldTotal = 0
        /// Connections this side closed to stay within its limits (evicted, idle, over budget).
        var closedByLimits = 0
        /// Peers the last dial to failed: said once, then silent until a dial to them works again.
        var unreachable: Set<NodeID> = []
        /// The name each connection proved with the cluster key (``ClusterKey``).
        var proven: [SocketAddress: NodeID] = [:]
        /// The connections this node dialed, and the peer whose address each was dialed at: such a connection
        /// speaks for that peer even while another connection (the one the peer dialed) holds its name.
        var dialed: [SocketAddress: NodeID] = [:]
        /// Running tasks by number; each removes itself when done, so a flood of connections leaves nothing.
        var tasks: [Int: Task<Void, Never>] = [:]
        /// The numbers of the tasks that write queued frames out (the others read).
        var writers: Set<Int> = []
        var nextTask = 0
        var closed = false
    }

    let localAddress: SocketAddress
    private let listener: TCPListener
    private let deliver: Deliver
    private let streams: Streams?
    private let log: @Sendable (String) -> Void
    /// For the lines a flood of connections repeats: once a second per kind, with a count.
    private let floodLog: LogThrottle
    private let state = Lock(State())
    private let limits: ConnectionLimits
    /// With a cluster key: the name this node proves on the connections it dials, the key, and the names a
    /// connection must prove to speak as (the cluster's servers).
    private let cluster: (name: NodeID, key: ClusterKey, members: Set<NodeID>)?

    /// How many connections this side closed to stay within its limits.
    var closedByLimits: Int { state.withLock { $0.closedByLimits } }

    init(listen: SocketAddress, limits: ConnectionLimits = .standard, cluster: (name: NodeID, key: ClusterKey, members: Set<NodeID>)? = nil,
         streams: Streams? = nil, deliver: @escaping Deliver, log: @escaping @Sendable (String) -> Void) throws {
        listener = try TCPListener.bind(listen)
        self.streams = streams
        self.limits = limits
        self.cluster = cluster
        localAddress = listener.localAddress
        self.deliver = deliver
        self.log = log
        floodLog = LogThrottle(log: log)
    }

    /// Accepts connections until cancelled or closed. A failing accept (out of file descriptors, say) never
    /// ends the loop: it is logged once per kind of error and tried again a little later.
    func serve() async {
        var lastError: String?
        while !Task.isCancelled {
            do {
                let connection = try await listener.accept()
                lastError = nil
                admit(connection)
            } catch is CancellationError {
                break
            } catch NetError.socketClosed {
                break
            } catch {
                let text = "\(error)"
                if text != lastError { log("cannot accept a connection (\(text)); trying again every 100 ms") }
                lastError = text
                try? await Task.sleep(for: .milliseconds(100))
            }
        }
    }

    /// Takes an accepted connection, first closing the longest-silent one if `maxConnections` are open.
    private func admit(_ connection: TCPConnection) {
        let evicted = state.withLock { state -> (SocketAddress, TCPConnection)? in
            guard state.connections.count >= limits.maxConnections,
                  let oldest = state.lastHeard.min(by: { $0.value < $1.value })?.key,
                  let victim = state.connections.removeValue(forKey: oldest) else { return nil }
            state.lastHeard[oldest] = nil
            state.closedByLimits += 1
            if let name = state.speakers.removeValue(forKey: oldest), state.owners[name] == oldest {
                state.owners[name] = nil
                state.released[name] = .now
            }
            return (oldest, victim)
        }
        if let (remote, victim) = evicted {
            victim.close()
            floodLog.say("evicted", "closed the connection from \(remote), silent the longest: \(limits.maxConnections) connections is the limit")
        }
        guard let cluster else { return adopt(connection) }
        // A node of a cluster proves its name to whoever dialed it before anything else goes out, off the accept loop.
        track(writer: true) { [self] in
            let proof = cluster.key.proof(name: cluster.name, as: .acceptor, dialer: connection.remoteAddress, acceptor: connection.localAddress,
                                          time: ClusterKey.now)
            do {
                try await connection.writeFrame(FrameKind.proof.frame(proof), timeout: limits.idleTimeout)
                adopt(connection)
            } catch {
                connection.close()
            }
        }
    }

    /// Queues the envelope `bytes` for `peer`, dialing `address` if there is no connection to it yet.
    func send(_ envelope: [UInt8], to peer: NodeID, address: SocketAddress?) {
        let bytes = FrameKind.envelope.frame(envelope)
        let (stream, outbox) = AsyncStream<[UInt8]>.makeStream()
        // One step under the lock: a reply bound at the same moment (`learn`) is not overwritten by a second dial.
        let plan = state.withLock { state -> SendPlan in
            if let outbox = state.outboxes[peer] {
                outbox.queue.yield(bytes)
                return .queued
            }
            guard let address else { return .addressUnknown }
            outbox.yield(bytes)
            state.nextOutbox += 1
            state.outboxes[peer] = Outbox(remote: address, queue: outbox, serial: state.nextOutbox)
            return .dial(address, ticket: state.heldTickets[peer], serial: state.nextOutbox)
        }
        guard case let .dial(address, ticket, serial) = plan else {
            // A replica replaying its log answers clients long gone: said once a second, with a count.
            if case .addressUnknown = plan { floodLog.say("address unknown", AddressBook.unknownAddress(peer)) }
            return
        }
        track(writer: true) { [self] in
            do {
                let connection = try await TCPConnection.connect(to: address)
                if state.withLock({ $0.unreachable.remove(peer) }) != nil { log("reached \(peer) at \(address) again") }
                if let cluster {
                    let proof = cluster.key.proof(name: cluster.name, as: .dialer, dialer: connection.localAddress, acceptor: connection.remoteAddress,
                                                  time: ClusterKey.now)
                    try await connection.writeFrame(FrameKind.proof.frame(proof), timeout: limits.idleTimeout)
                }
                if let ticket { try await connection.writeFrame(FrameKind.claim.frame(ticket.bytes), timeout: limits.idleTimeout) }
                // Whoever answers at the address this node was given for `peer` is `peer` on this connection.
                state.withLock { $0.dialed[connection.remoteAddress] = peer }
                adopt(connection)
                try await drain(stream, into: connection)
            } catch {
                // A dead peer is dialed on every send: said once, not at every heartbeat.
                if state.withLock({ $0.unreachable.insert(peer).inserted }) {
                    log("connection to \(peer) at \(address) failed: \(error) (trying again on each send; said again once it answers)")
                }
            }
            forget(peer, serial: serial)
        }
    }

    /// Whether a frame from the connection `remote` may speak as `name`: a connection is bound to the name of
    /// its first frame (or to the name its opening ticket was issued to), and a name to the connection it first
    /// came on while that connection is open. The connection that proves a name gets a ticket. When the peer
    /// hangs up cleanly (it stopped, or its process died) the name is free again; when this side ends the
    /// connection (evicted, idle, over budget) or it breaks, only a connection presenting the ticket takes the
    /// name for ``ConnectionLimits/nameHold``. So no connection can speak for a peer that has its own, nor take
    /// the name of one whose connection it had evicted (a forged JOIN or LEAVE is refused). A connection this node
    /// dialed speaks only for the peer whose address it dialed, whoever else holds the name. Returns why not, or `nil`.
    func claim(_ name: NodeID, from remote: SocketAddress) -> String? {
        state.withLock { state in
            // Two servers that dial each other each reply on the connection the other dialed (`learn`).
            if let cluster, cluster.members.contains(name), state.proven[remote] != name {
                return "\(name) is a server of this cluster, and this connection did not prove it holds the cluster key"
            }
            if let dialed = state.dialed[remote] { return dialed == name ? nil : "this connection was dialed to \(dialed), not \(name)" }
            if let speaker = state.speakers[remote] {
                return speaker == name ? nil : "this connection speaks as \(speaker), not \(name)"
            }
            // The old connection may have hung up without its reader having noticed yet (a peer that restarts).
            if let owner = state.owners[name], owner != remote, let old = state.connections[owner], !old.peerHasHungUp {
                return "\(name) already speaks from \(owner)"
            }
            let now = ContinuousClock.now
            state.released = state.released.filter { now - $0.value < limits.nameHold }
            if state.released[name] != nil {
                return "\(name) lost its connection here \(limits.nameHold) ago at most: only a connection with its ticket takes the name until then"
            }
            let ticket = Ticket()
            state.tickets[name] = ticket
            state.unsentTickets[remote] = ticket
            state.speakers[remote] = name
            state.owners[name] = remote
            // Tickets of names that are neither connected nor held: forgotten, so made-up names leave nothing.
            if state.tickets.count > 2 * limits.maxConnections {
                state.tickets = state.tickets.filter { state.owners[$0.key] != nil || state.released[$0.key] != nil }
            }
            return nil
        }
    }

    /// A connection's opening `ticket`: it speaks as the name the ticket was issued to, and the connection
    /// that name had before (dead, or about to be) no longer does.
    private func present(_ ticket: Ticket, from remote: SocketAddress) {
        let replaced = state.withLock { state -> TCPConnection? in
            guard state.speakers[remote] == nil, let name = state.tickets.first(where: { $0.value == ticket })?.key else { return nil }
            var old: TCPConnection?
            if let previous = state.owners[name], previous != remote {
                state.speakers[previous] = nil
                old = state.connections[previous]
            }
            state.speakers[remote] = name
            state.owners[name] = remote
            state.released[name] = nil
            return old
        }
        replaced?.close()
    }

    /// A connection's opening proof (``ClusterKey``): with this node's key, for this connection, and fresh, it
    /// lets the connection speak as the cluster's server it names; otherwise it proves nothing, said once a second.
    private func prove(_ payload: ArraySlice<UInt8>, on connection: TCPConnection) {
        guard let cluster else { return }
        let dialedHere = state.withLock { $0.dialed[connection.remoteAddress] != nil }
        let (dialer, acceptor) = dialedHere ? (connection.localAddress, connection.remoteAddress) : (connection.remoteAddress, connection.localAddress)
        switch cluster.key.verify(payload, as: dialedHere ? .acceptor : .dialer, dialer: dialer, acceptor: acceptor, now: ClusterKey.now) {
        case let .success(name): state.withLock { $0.proven[connection.remoteAddress] = name }
        case let .failure(refusal): floodLog.say("unproven", "the connection from \(connection.remoteAddress) proved no name: \(refusal)")
        }
    }

    /// Keeps a ticket another node issued to this one on `remote`, to present when dialing that node again.
    private func keep(_ ticket: Ticket, from remote: SocketAddress) {
        state.withLock { state in
            guard let peer = state.outboxes.first(where: { $0.value.remote == remote })?.key ?? state.speakers[remote] else { return }
            state.heldTickets[peer] = ticket
        }
    }

    /// Binds `peer` to the connection it last wrote from, so replies go back on it (a peer that reconnects
    /// gets its replies on the new connection, not the old one).
    func learn(_ peer: NodeID, at remote: SocketAddress) {
        let (stream, outbox) = AsyncStream<[UInt8]>.makeStream()
        let replacement = state.withLock { state -> (TCPConnection, Int)? in
            let ticket = state.unsentTickets.removeValue(forKey: remote).map { FrameKind.ticket.frame($0.bytes) }
            if let current = state.outboxes[peer], current.remote == remote {
                if let ticket { current.queue.yield(ticket) }
                return nil
            }
            guard let connection = state.connections[remote] else { return nil }
            state.outboxes[peer]?.queue.finish()
            state.nextOutbox += 1
            state.outboxes[peer] = Outbox(remote: remote, queue: outbox, serial: state.nextOutbox)
            if let ticket { outbox.yield(ticket) }
            return (connection, state.nextOutbox)
        }
        guard let (connection, serial) = replacement else { return }
        track(writer: true) { [self] in
            try? await drain(stream, into: connection)
            forget(peer, serial: serial)
        }
    }

    /// Closes the listener, lets the frames already queued go out (for at most `flushWithin`: a LEAVE sent just
    /// before stopping still reaches its peer), then closes every connection.
    func close(flushWithin limit: Duration = .seconds(1)) async {
        let writers = state.withLock { state in
            state.closed = true
            for outbox in state.outboxes.values { outbox.queue.finish() }
            return state.writers.compactMap { state.tasks[$0] }
        }
        listener.close()
        await withTaskGroup(of: Void.self) { group in
            group.addTask { for writer in writers { await writer.value } }
            group.addTask { try? await Task.sleep(for: limit) }
            await group.next()
            group.cancelAll()
        }
        let (tasks, connections) = state.withLock { (Array($0.tasks.values), Array($0.connections.values)) }
        for connection in connections { connection.close() }
        for task in tasks { task.cancel() }
    }

    /// Runs `body` in a task that `close` cancels (after letting a `writer` finish) and that forgets itself when done.
    private func track(writer: Bool = false, _ body: @escaping @Sendable () async -> Void) {
        let tracked = state
        tracked.withLock { state in
            state.nextTask += 1
            let number = state.nextTask
            if writer { state.writers.insert(number) }
            // Created under the lock, so the task cannot remove itself before it is recorded.
            state.tasks[number] = Task {
                await body()
                tracked.withLock { state in
                    state.tasks[number] = nil
                    state.writers.remove(number)
                }
            }
        }
    }

    private func adopt(_ connection: TCPConnection) {
        let remote = connection.remoteAddress
        let closed = state.withLock { state in
            state.connections[remote] = connection
            state.lastHeard[remote] = .now
            return state.closed
        }
        // While closing, a connection dialed to flush the last frames is only written to; `close` closes it.
        if closed { return }
        track { [self] in
            var decoder = FrameDecoder(maxFrameLength: limits.maxFrameLength)
            var hungUp = false
            do {
                reading: while let frame = try await connection.readFrame(&decoder, timeout: limits.idleTimeout, holding: { [self] in try hold($0, for: remote) }) {
                    state.withLock { $0.lastHeard[remote] = .now }
                    try hold(decoder.bufferedCount, for: remote)
                    switch try FrameKind.split(frame) {
                    case let (.envelope, payload): await deliver(Array(payload), remote)
                    case let (.ticket, payload): keep(try Ticket(payload), from: remote)
                    case let (.claim, payload): present(try Ticket(payload), from: remote)
                    case let (.proof, payload): prove(payload, on: connection)
                    case (.stream, _):
                        guard let streams, case let .some(proven) = handOver(remote) else { throw StreamRefused() }
                        try await connection.writeFrame(FrameKind.stream.frame([]), timeout: limits.idleTimeout)
                        await streams(connection, decoder, proven)
                        break reading
                    }
                }
                hungUp = true
            } catch is StreamRefused {
                floodLog.say("stream", "closed the connection from \(remote): it asked for a stream \(streams == nil ? "this node does not serve" : "after speaking on the mesh")")
            } catch NetError.timedOut {
                state.withLock { $0.closedByLimits += 1 }
                floodLog.say("idle", "closed the connection from \(remote): no whole frame for \(limits.idleTimeout)")
            } catch let refused as OverBudget {
                state.withLock { $0.closedByLimits += 1 }
                floodLog.say("over budget", "closed the connection from \(remote): \(refused)")
            } catch {
                floodLog.say("closed", "connection from \(remote) closed: \(error)")
            }
            connection.close()
            state.withLock { state in
                state.heldTotal -= state.held.removeValue(forKey: remote) ?? 0
                state.unsentTickets[remote] = nil
                state.proven[remote] = nil
                // Frames sent from now on dial again instead of going down a connection known to be gone.
                for (peer, outbox) in state.outboxes where outbox.remote == remote && state.connections[remote] === connection {
                    outbox.queue.finish()
                    state.outboxes[peer] = nil
                }
                if state.connections[remote] === connection {
                    state.connections[remote] = nil
                    state.lastHeard[remote] = nil
                    state.dialed[remote] = nil
                    if let name = state.speakers.removeValue(forKey: remote), state.owners[name] == remote {
                        state.owners[name] = nil
                        if hungUp { state.tickets[name] = nil } else { state.released[name] = .now }
                    }
                }
            }
        }
    }

    /// Takes the connection from `remote` off the mesh's books for its ``BulkLane``: it no longer counts against
    /// the mesh's limits (the lane has its own). Only a connection that has not spoken on the mesh may leave;
    /// returns the name it proved (`.some(nil)`: none), or `nil` if it may not leave.
    private func handOver(_ remote: SocketAddress) -> NodeID?? {
        state.withLock { state in
            guard state.speakers[remote] == nil, state.dialed[remote] == nil else { return nil }
            state.connections[remote] = nil
            state.lastHeard[remote] = nil
            state.heldTotal -= state.held.removeValue(forKey: remote) ?? 0
            return .some(state.proven.removeValue(forKey: remote))
        }
    }

    /// Opens a stream to `peer`'s ``BulkLane`` at `address`: this node proves its name (with a cluster key) and
    /// asks for the stream; the peer's mesh answers with its own proof (a node of a cluster always sends one
    /// first) and a `stream` frame, then hands the connection over. With a cluster key, `peer` must have proven
    /// its name by then: a stream goes only to the server meant. Without one, the peer's proof is skipped.
    func dialStream(to address: SocketAddress, peer: NodeID) async throws -> TCPConnection {
        let connection = try await TCPConnection.connect(to: address)
        do {
            if let cluster {
                let proof = cluster.key.proof(name: cluster.name, as: .dialer, dialer: connection.localAddress, acceptor: connection.remoteAddress,
                                              time: ClusterKey.now)
                try await connection.writeFrame(FrameKind.proof.frame(proof), timeout: limits.idleTimeout)
            }
            try await connection.writeFrame(FrameKind.stream.frame([]), timeout: limits.idleTimeout)
            var decoder = FrameDecoder(maxFrameLength: 1 << 10), proven = false
            while true {
                guard let frame = try await connection.readFrame(&decoder, timeout: limits.idleTimeout) else { throw NetError.connectionClosed }
                switch try FrameKind.split(frame) {
                case let (.proof, payload):
                    if let cluster, case .success(peer) = cluster.key.verify(payload, as: .acceptor, dialer: connection.localAddress,
                                                                              acceptor: connection.remoteAddress, now: ClusterKey.now) {
                        proven = true
                    }
                case (.stream, _):
                    guard cluster == nil || proven else { throw UnprovenStream(peer: peer, address: address) }
                    return connection
                default:
                    throw UnprovenStream(peer: peer, address: address)
                }
            }
        } catch {
            connection.close()
            throw error
        }
    }

    /// A connection asked for a stream this node cannot give it.
    private struct StreamRefused: Error {}

    /// The node dialed for a stream did not prove its name.
    struct UnprovenStream: Error, CustomStringConvertible {
        let peer: NodeID
        let address: SocketAddress
        var description: String { "\(address) did not prove it is \(peer) with this cluster's key" }
    }

    /// Notes that the reader of `remote` holds `count` bytes of an unfinished frame. Past
    /// ``ConnectionLimits/maxBufferedBytes`` in all, the connection holding the most is closed: this one
    /// (by throwing) or another (closing it makes its reader end).
    private func hold(_ count: Int, for remote: SocketAddress) throws(OverBudget) {
        let victim = state.withLock { state -> (SocketAddress, TCPConnection?)? in
            state.heldTotal += count - (state.held.updateValue(count, forKey: remote) ?? 0)
            guard state.heldTotal > limits.maxBufferedBytes, let largest = state.held.max(by: { $0.value < $1.value })?.key else { return nil }
            state.heldTotal -= state.held.removeValue(forKey: largest) ?? 0
            if largest != remote { state.closedByLimits += 1 }
            return (largest, largest == remote ? nil : state.connections[largest])
        }
        guard let (largest, other) = victim else { return }
        let refusal = OverBudget(limit: limits.maxBufferedBytes)
        guard let other else { throw refusal }
        other.close()
        floodLog.say("over budget", "closed the connection from \(largest): \(refusal)")
    }

    /// Unfinished frames from all connections together passed ``ConnectionLimits/maxBufferedBytes``.
    private struct OverBudget: Error, CustomStringConvertible {
        let limit: Int
        var description: String { "it held the most of the unfinished frames, which passed \(limit >> 20) MiB in all" }
    }

    private func drain(_ stream: AsyncStream<[UInt8]>, into connection: TCPConnection) async throws {
        for await bytes in stream { try await connection.writeFrame(bytes, timeout: limits.idleTimeout) }
    }

    /// Forgets `peer`'s outbox if it is still the one numbered `serial` (a newer one may have replaced it).
    private func forget(_ peer: NodeID, serial: Int) {
        state.withLock { state in
            if state.outboxes[peer]?.serial == serial { state.outboxes[peer] = nil }
        }
    }

    /// What a send does: queue on the peer's outbox, dial it, or nothing (no address known).
    private enum SendPlan {
        case queued
        case addressUnknown
        case dial(SocketAddress, ticket: Ticket?, serial: Int)
    }

    /// The queue of frames for one peer, the connection they go out on, and its number (outboxes replace
    /// each other; a writer that ends forgets only its own).
    private struct Outbox {
        let remote: SocketAddress
        let queue: AsyncStream<[UInt8]>.Continuation
        let serial: Int
    }
}
