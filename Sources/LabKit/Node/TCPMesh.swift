
/// The TCP side of a ``NodeShell``: accepts connections, dials peers on first send, keeps one outgoing
/// queue per peer (so frames to a peer stay in order), and hands every frame read to the shell.
/// A connection that breaks is forgotten; the next send to that peer dials again.
final class TCPMesh: Sendable {
    typealias Deliver = @Sendable ([UInt8], SocketAddress) async -> Void

    private struct State {
        /// Per peer: the connection its frames go out on (by remote address) and the queue feeding it.
        var outboxes: [NodeID: (remote: SocketAddress, queue: AsyncStream<[UInt8]>.Continuation)] = [:]
        var connections: [SocketAddress: TCPConnection] = [:]
        var tasks: [Task<Void, Never>] = []
        var closed = false
    }

    let localAddress: SocketAddress
    private let listener: TCPListener
    private let deliver: Deliver
    private let log: @Sendable (String) -> Void
    private let state = Lock(State())

    init(listen: SocketAddress, deliver: @escaping Deliver, log: @escaping @Sendable (String) -> Void) throws {
        listener = try TCPListener.bind(listen)
        localAddress = listener.localAddress
        self.deliver = deliver
        self.log = log
    }

    /// Accepts connections until cancelled.
    func serve() async {
        while !Task.isCancelled {
            guard let connection = try? await listener.accept() else { break }
            adopt(connection)
        }
    }

    /// Queues `bytes` for `peer`, dialing `address` if there is no connection to it yet.
    func send(_ bytes: [UInt8], to peer: NodeID, address: SocketAddress?) {
        let queued = state.withLock { state -> Bool in
            guard let outbox = state.outboxes[peer] else { return false }
            outbox.queue.yield(bytes)
            return true
        }
        if queued { return }
        guard let address else {
            log("cannot send to \(peer): its address is unknown (pass --peer \(peer)=HOST:PORT)")
            return
        }
        let (stream, outbox) = AsyncStream<[UInt8]>.makeStream()
        outbox.yield(bytes)
        let task = Task { [self] in
            do {
                let connection = try await TCPConnection.connect(to: address)
                adopt(connection)
                try await drain(stream, into: connection)
            } catch {
                log("connection to \(peer) at \(address) failed: \(error)")
            }
            forget(peer, ifStill: address)
        }
        state.withLock { state in
            state.outboxes[peer] = (address, outbox)
            state.tasks.append(task)
        }
    }

    /// Binds `peer` to the connection it last wrote from, so replies go back on it (a peer that reconnects
    /// gets its replies on the new connection, not the old one).
    func learn(_ peer: NodeID, at remote: SocketAddress) {
        state.withLock { state in
            if let current = state.outboxes[peer], current.remote == remote { return }
            guard let connection = state.connections[remote] else { return }
            state.outboxes[peer]?.queue.finish()
            let (stream, outbox) = AsyncStream<[UInt8]>.makeStream()
            state.outboxes[peer] = (remote, outbox)
            state.tasks.append(Task { [self] in
                try? await drain(stream, into: connection)
                forget(peer, ifStill: remote)
            })
        }
    }

    /// Closes the listener and every connection.
    func close() async {
        let (tasks, connections) = state.withLock { state in
            state.closed = true
            for outbox in state.outboxes.values { outbox.queue.finish() }
            return (state.tasks, Array(state.connections.values))
        }
        listener.close()
        for connection in connections { connection.close() }
        for task in tasks { task.cancel() }
    }

    private func adopt(_ connection: TCPConnection) {
        let remote = connection.remoteAddress
        let task = Task { [self] in
            var decoder = FrameDecoder()
            do {
                while let frame = try await connection.readFrame(&decoder) { await deliver(frame, remote) }
            } catch {
                log("connection from \(remote) closed: \(error)")
            }
            connection.close()
            _ = state.withLock { $0.connections.removeValue(forKey: remote) }
        }
        let closed = state.withLock { state in
            state.connections[remote] = connection
            state.tasks.append(task)
            return state.closed
        }
        if closed { connection.close() }
    }

    private func drain(_ stream: AsyncStream<[UInt8]>, into connection: TCPConnection) async throws {
        for await bytes in stream { try await connection.writeFrame(bytes) }
    }

    /// Forgets `peer`'s outbox if it still goes to `remote` (a newer connection may have replaced it).
    private func forget(_ peer: NodeID, ifStill remote: SocketAddress) {
        state.withLock { state in
            if state.outboxes[peer]?.remote == remote { state.outboxes[peer] = nil }
        }
    }
}
