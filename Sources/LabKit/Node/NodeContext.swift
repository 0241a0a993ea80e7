/// Everything a node may touch while it handles one event: the time, its random generator, its durable
/// storage (small values in ``storage``, large ones in ``blobs``), and the effects it requests. Drivers build one
/// per event and carry out ``effects`` afterwards.
public struct NodeContext<Message: Sendable, Output: Sendable> {
    /// This node's name.
    public let id: NodeID
    /// The current time: virtual in the simulator, monotonic wall time since the node started for real.
    public var now: Duration { .nanoseconds(nanoseconds) }
    /// The current time in nanoseconds, as drivers keep it.
    var nanoseconds: Int64
    /// This node's random generator; seeded, so a simulated run replays exactly.
    public var random: SeededRandom
    /// The node's durable key-value storage as of now, including what this event persisted so far.
    public internal(set) var storage: [String: [UInt8]]
    /// The node's durable blob store: large values written in pieces; see ``BlobStore``.
    public let blobs: any BlobStore
    /// The effects requested so far, in order.
    public internal(set) var effects: [Effect<Message, Output>] = []

    /// Builds a context; drivers and unit tests call this, nodes never do.
    public init(id: NodeID, now: Duration, random: SeededRandom, storage: [String: [UInt8]] = [:], blobs: any BlobStore = MemoryBlobStore()) {
        self.id = id
        self.nanoseconds = now.nanoseconds
        self.random = random
        self.storage = storage
        self.blobs = blobs
    }

    /// Sends `message` to `node` (fire and forget: the network may lose, duplicate or delay it).
    public mutating func send(_ message: Message, to node: NodeID) {
        effects.append(.send(message, to: node))
    }

    /// Arms `timer` to fire after `delay`; re-arming a pending timer replaces it.
    public mutating func setTimer(_ timer: TimerID, after delay: Duration) {
        effects.append(.setTimer(timer, after: delay))
    }

    /// Disarms `timer` if it is pending.
    public mutating func cancelTimer(_ timer: TimerID) {
        effects.append(.cancelTimer(timer))
    }

    /// Writes a line to the node's log and the trace.
    public mutating func log(_ line: String) {
        effects.append(.log(line))
    }

    /// Reports `output` to the node's user (and to the grader).
    public mutating func deliver(_ output: Output) {
        effects.append(.deliver(output))
    }

    /// Durably stores `value` under `key`, or deletes the key when `value` is `nil`.
    public mutating func persist(_ value: [UInt8]?, forKey key: String) {
        storage[key] = value
        effects.append(.persist(key: key, value: value))
    }

    /// Says that the message being handled proved `name` sent it (it authenticated and is no replay): from now on
    /// the driver sends what is meant for `name` to the address this message came from. A node that
    /// ``NodeLogic/authenticatesSenders`` calls it once a message passed its checks, never before.
    public mutating func vouch(for name: NodeID) {
        effects.append(.vouch(name))
    }

    /// Forgets the effects once a driver has carried them out, keeping the buffer for the next event.
    mutating func clearEffects() {
        effects.removeAll(keepingCapacity: true)
    }
}
