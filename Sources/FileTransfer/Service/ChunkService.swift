#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import LabKit

/// A peer's chunk server: serves the manifests and chunks of its shared files over TCP, asking a
/// ``ChunkResponding`` (exercise 3.1) what to answer and sending chunk bytes with `sendFile`, straight from
/// the page cache. Any other ``ChunkServing`` may decide instead (the deposit lab's servers serve their blobs
/// so), and connections accepted elsewhere may be handed to it (``adopt(_:decoder:)``).
///
/// ```swift
/// let library = try await SharedLibrary<ChunkHasher>(folder: "share").scan()
/// let service = try ChunkService<ChunkResponder>(library: library, listen: .parse("0.0.0.0:7000")) { print($0) }
/// print("serving on \(service.localAddress!)")
/// try await service.run()          // until stop() or cancellation
/// ```
/// Each connection is a loop: read a framed ``ChunkRequest``, ask the responder, write the ``ChunkResponse``
/// frame and, for a chunk, its bytes. Requests are answered in order, so clients may pipeline them. A
/// connection that sends garbage, an oversized frame or nothing for ``idleTimeout``, or that does not take an
/// answer within ``idleTimeout`` (a client that stopped reading), is logged and closed; the
/// service goes on serving the others. At most ``maxConnections`` are open at once: one more closes the
/// connection that has been silent longest (downloaders that ask keep their place). A file that vanished or
/// shrank since it was shared is refused as `unreadable`.
public final class ChunkService<Responder: ChunkServing>: Sendable {
    /// What the service has done so far, for logs, graders and benchmarks.
    public struct Statistics: Sendable, Equatable {
        /// Connections accepted.
        public var connections = 0
        /// Requests decoded and answered.
        public var requests = 0
        /// Chunks whose bytes were sent in full.
        public var chunksSent = 0
        /// Chunk bytes sent.
        public var bytesSent: UInt64 = 0
        /// Requests answered with a refusal.
        public var refusals = 0
        /// Connections closed because of garbage, an oversized frame, a timeout or a send failure.
        public var droppedConnections = 0
    }

    /// The largest request frame accepted; a request is a name and an index, so this is generous.
    public static var maxRequestLength: Int { 64 << 10 }

    private struct State {
        var responder: Responder
        var library: [String: LibraryEntry]
        var connections: [ObjectIdentifier: TCPConnection] = [:]
        /// When each open connection was accepted or last sent a request: who to close first.
        var lastHeard: [ObjectIdentifier: ContinuousClock.Instant] = [:]
        var statistics = Statistics()
        var isStopped = false
    }

    /// The address the service listens on (with the real port when bound to port 0); `nil` for a service
    /// made without a listener, which serves only the connections handed to it.
    public var localAddress: SocketAddress? { listener?.localAddress }
    /// How long a connection may stay silent before the service closes it.
    public let idleTimeout: Duration
    /// How many connections may be open at once.
    public let maxConnections: Int
    private let listener: TCPListener?
    private let log: @Sendable (String) -> Void
    /// For the lines a flood of connections repeats: once a second per kind, with a count.
    let floodLog: LogThrottle
    private let state: Lock<State>

    /// A service asking `responder` on an open `listener` (`nil`: only connections handed over with
    /// ``adopt(_:decoder:)``); nothing is served until ``run()`` or an adoption.
    public init(responder: Responder, listener: TCPListener?, idleTimeout: Duration = .seconds(120),
                maxConnections: Int = 128, log: @escaping @Sendable (String) -> Void = { _ in }) {
        precondition(maxConnections > 0, "a chunk service needs room for a connection")
        self.listener = listener
        self.idleTimeout = idleTimeout
        self.maxConnections = maxConnections
        self.log = log
        floodLog = LogThrottle(log: log)
        state = Lock(State(responder: responder, library: [:]))
    }

    /// What the service has done so far.
    public var statistics: Statistics { state.withLock { $0.statistics } }

    /// Serves `connection`, accepted elsewhere, under this service's limits (its request frames too), until it
    /// closes; `decoder` holds what was read from it already. Returns at once once the service is stopped.
    public func adopt(_ connection: TCPConnection, decoder: FrameDecoder) async {
        guard register(connection) else { return connection.close() }
        await serve(connection, decoder: decoder.limited(to: min(decoder.maxFrameLength, Self.maxRequestLength)))
        unregister(connection)
    }

    /// Accepts and serves connections until ``stop()`` or cancellation; each connection runs in a task of its
    /// own. Returns once every connection is closed.
    public func run() async {
        guard let listener else { return }
        await withDiscardingTaskGroup { group in
            var outOfFiles = false
            while true {
                let connection: TCPConnection
                do {
                    connection = try await listener.accept()
                    outOfFiles = false
                } catch let NetError.system(_, code) where code == EMFILE || code == ENFILE {
                    if !outOfFiles { log("cannot accept a connection: too many open files; trying again every 100 ms") }
                    outOfFiles = true
                    guard (try? await Task.sleep(for: .milliseconds(100))) != nil else { break }
                    continue
                } catch {
                    if !(error is CancellationError), !isStopped { log("chunk service stops accepting: \(error)") }
                    break
                }
                guard register(connection) else {
                    connection.close()
                    break
                }
                group.addTask {
                    await self.serve(connection, decoder: FrameDecoder(maxFrameLength: Self.maxRequestLength))
                    self.unregister(connection)
                }
            }
            closeAll()
        }
    }

    /// Stops the service at once, like a killed process: the listener and every connection are closed, even
    /// in the middle of sending a chunk. ``run()`` then returns.
    public func stop() {
        state.withLock { $0.isStopped = true }
        listener?.close()
        closeAll()
    }

    private var isStopped: Bool { state.withLock { $0.isStopped } }

    /// Remembers `connection` so ``stop()`` can close it, first closing the longest-silent one if
    /// ``maxConnections`` are open; false once the service is stopped.
    private func register(_ connection: TCPConnection) -> Bool {
        let (registered, evicted) = state.withLock { state -> (Bool, TCPConnection?) in
            guard !state.isStopped else { return (false, nil) }
            var evicted: TCPConnection?
            if state.connections.count >= maxConnections, let oldest = state.lastHeard.min(by: { $0.value < $1.value })?.key {
                evicted = state.connections.removeValue(forKey: oldest)
                state.lastHeard[oldest] = nil
                state.statistics.droppedConnections += 1
            }
            state.connections[ObjectIdentifier(connection)] = connection
            state.lastHeard[ObjectIdentifier(connection)] = .now
            state.statistics.connections += 1
            return (true, evicted)
        }
        if let evicted {
            floodLog.say("evicted", "closed the connection from \(evicted.remoteAddress), silent the longest: \(maxConnections) connections is the limit")
            evicted.close()
        }
        return registered
    }

    /// Notes that `connection` sent a request: it keeps its place.
    func heard(_ connection: TCPConnection) {
        state.withLock { state in
            if state.lastHeard[ObjectIdentifier(connection)] != nil { state.lastHeard[ObjectIdentifier(connection)] = .now }
        }
    }

    private func unregister(_ connection: TCPConnection) {
        connection.close()
        state.withLock { state in
            state.connections[ObjectIdentifier(connection)] = nil
            state.lastHeard[ObjectIdentifier(connection)] = nil
        }
    }

    private func closeAll() {
        let open = state.withLock { state in
            state.isStopped = true
            return Array(state.connections.values)
        }
        for connection in open { connection.close() }
    }

    /// The responder of the current library.
    var responder: Responder { state.withLock { $0.responder } }

    /// Adds to the statistics.
    func count(_ update: (inout Statistics) -> Void) {
        state.withLock { update(&$0.statistics) }
    }

    /// Logs a line about `connection`.
    func log(_ line: String, _ connection: TCPConnection) {
        log("\(connection.remoteAddress): \(line)")
    }
}

/// A video peer's service: a library of shared files, answered by the student's responder (exercise 3.1).
extension ChunkService where Responder: ChunkResponding {
    /// A service for `library` on an open `listener`; nothing is served until ``run()``.
    public convenience init(library: [String: LibraryEntry], listener: TCPListener, idleTimeout: Duration = .seconds(120),
                            maxConnections: Int = 128, log: @escaping @Sendable (String) -> Void = { _ in }) {
        self.init(responder: Responder(library: library), listener: listener, idleTimeout: idleTimeout, maxConnections: maxConnections, log: log)
        replaceLibrary(library)
    }

    /// A service for `library` listening on `address` (port 0 picks a free port).
    public convenience init(library: [String: LibraryEntry], listen address: SocketAddress, idleTimeout: Duration = .seconds(120),
                            maxConnections: Int = 128, log: @escaping @Sendable (String) -> Void = { _ in }) throws(NetError) {
        self.init(library: library, listener: try TCPListener.bind(address), idleTimeout: idleTimeout,
                  maxConnections: maxConnections, log: log)
    }

    /// The files being served, by name.
    public var library: [String: LibraryEntry] { state.withLock { $0.library } }

    /// Serves `entry` too (a download that just finished), replacing any file of the same name.
    public func share(_ entry: LibraryEntry) {
        state.withLock { state in
            state.library[entry.manifest.name] = entry
            state.responder = Responder(library: state.library)
        }
    }

    /// Replaces the whole library (after a rescan of the share folder).
    public func replaceLibrary(_ library: [String: LibraryEntry]) {
        state.withLock { state in
            state.library = library
            state.responder = Responder(library: library)
        }
    }

}
