/// A server's view of its peers: when each was last heard and which blobs it said it holds. Fed by heartbeats;
/// given, not an exercise. A peer unheard for `deadAfter` is dead until it is heard again.
public struct Membership: Sendable, Equatable {
    /// This server.
    public let me: NodeID
    /// Every other server of the cluster.
    public let peers: [NodeID]
    public let deadAfter: Duration
    private var lastHeard: [NodeID: Duration] = [:]
    private var inventories: [NodeID: Set<String>] = [:]

    public init(me: NodeID, peers: [NodeID], deadAfter: Duration) {
        self.me = me
        self.peers = peers.filter { $0 != me }
        self.deadAfter = deadAfter
    }

    /// Whether `node` is one of the cluster's servers (this one included).
    public func isServer(_ node: NodeID) -> Bool { node == me || peers.contains(node) }

    /// Notes a heartbeat from `peer`, with the blobs it holds.
    public mutating func heard(_ peer: NodeID, inventory: [String], at now: Duration) {
        guard peers.contains(peer) else { return }
        lastHeard[peer] = now
        inventories[peer] = Set(inventory)
    }

    /// Whether `node` was heard within `deadAfter` (this server is always alive to itself).
    public func isAlive(_ node: NodeID, at now: Duration) -> Bool {
        if node == me { return true }
        guard let heard = lastHeard[node] else { return false }
        return now - heard <= deadAfter
    }

    /// The servers alive now, this one included, sorted by name.
    public func live(at now: Duration) -> [NodeID] {
        ([me] + peers.filter { isAlive($0, at: now) }).sorted()
    }

    /// The live peers (not this server) whose last heartbeat said they hold `blob`.
    public func holders(of blob: String, at now: Duration) -> [NodeID] {
        peers.filter { isAlive($0, at: now) && inventories[$0, default: []].contains(blob) }.sorted()
    }
}
