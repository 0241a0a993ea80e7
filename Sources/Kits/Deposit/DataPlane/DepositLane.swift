import FileTransfer

/// The deposit's data plane in real runs: a node's fetches from a server travel on a stream to that server
/// (handed over by its mesh, proven with the cluster key) and are answered by a ``ChunkService`` that sends
/// the blob's bytes with `sendfile` from its file; each answer comes back to the node as the `piece` (or
/// `absent`) a server would have sent on the mesh. The node's logic (``BlobPull``) is the same in the
/// simulator, where fetches and pieces are messages like any other.
///
/// Only fetches to a server of at most ``pieceSize`` bytes go on the lane; everything else stays on the mesh.
/// One stream per server and blob, with requests pipelined; a broken stream drops what it was waiting for (the
/// pull asks again on its tick) and the next fetch dials anew.
/// ```swift
/// let lane = DepositLane(servers: Set(config.peers), store: "\(folder)/blobs", clusterKeyed: true)
/// configuration.bulkLane = lane                         // NodeShell.Configuration, over TCP
/// ```
public final class DepositLane: BulkLane {
    public typealias Message = DepositMessage

    /// The servers fetches go to on the lane.
    public let servers: Set<NodeID>
    /// The most bytes one request on a stream asks for: the standard piece of a pull.
    public static let pieceSize = DepositLimits.standard.pieceSize
    private var pieceSize: Int { Self.pieceSize }
    /// Serving: to the cluster's servers (parts of uploads too) and to everyone else (committed blobs only).
    private let services: (servers: ChunkService<BlobResponder>, others: ChunkService<BlobResponder>)?
    /// Whether peers prove their names (a cluster key): without one, no name is proven and all are served alike.
    private let clusterKeyed: Bool
    /// One stream per server and blob: a piece that waits for an upload's bytes holds up only its own blob.
    private let sessions = Lock<[Route: LaneSession]>([:])

    private struct Route: Hashable {
        let peer: NodeID
        let key: String
    }

    /// A lane fetching from `servers`; with `store` (a server's blob folder) it also serves that store's blobs
    /// to the peers that open streams to it.
    public init(servers: Set<NodeID>, store: String? = nil, clusterKeyed: Bool, log: @escaping @Sendable (String) -> Void = { _ in }) {
        self.servers = servers
        self.clusterKeyed = clusterKeyed
        services = store.map { folder in
            func service(parts: Bool) -> ChunkService<BlobResponder> {
                ChunkService(responder: BlobResponder(folder: folder, maxCount: Self.pieceSize, mayReadParts: parts, patience: .seconds(20)),
                             listener: nil, idleTimeout: .seconds(60), maxConnections: 64, log: log)
            }
            return (service(parts: true), service(parts: false))
        }
    }

    /// What the lane's services sent so far (servers' streams and others' together).
    public var served: (chunks: Int, bytes: UInt64) {
        guard let services else { return (0, 0) }
        let statistics = [services.servers.statistics, services.others.statistics]
        return (statistics.map(\.chunksSent).reduce(0, +), statistics.map(\.bytesSent).reduce(0, +))
    }

    public func carries(_ message: DepositMessage, to peer: NodeID) -> Bool {
        guard case let .fetch(_, _, count) = message, servers.contains(peer) else { return false }
        return (1...pieceSize).contains(count)
    }

    public func send(_ message: DepositMessage, to peer: NodeID, dial: @escaping @Sendable () async throws -> TCPConnection,
                     answer: @escaping @Sendable (DepositMessage) -> Void) {
        guard case let .fetch(key, offset, count) = message else { return }
        let route = Route(peer: peer, key: key)
        let session = sessions.withLock { sessions in
            if let open = sessions[route], !open.isOver { return open }
            // Streams of pulls that ended are forgotten as new ones open.
            sessions = sessions.filter { !$0.value.isOver }
            let fresh = LaneSession(pieceSize: pieceSize, dial: dial, answer: answer)
            sessions[route] = fresh
            return fresh
        }
        session.fetch(PieceRequest(key: key, offset: offset, count: UInt32(count)))
    }

    public func serve(_ connection: TCPConnection, decoder: FrameDecoder, peer: NodeID?) async {
        guard let services else { return connection.close() }
        let isServer = clusterKeyed ? peer.map(servers.contains) ?? false : true
        await (isServer ? services.servers : services.others).adopt(connection, decoder: decoder)
    }

    public func close() {
        for session in sessions.withLock({ $0.values }) { session.close() }
        services?.servers.stop()
        services?.others.stop()
    }
}
