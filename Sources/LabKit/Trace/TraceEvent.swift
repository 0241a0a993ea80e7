/// One thing that happened in a run, for the JSONL trace and the space-time diagram.
public struct TraceEvent: Sendable, Equatable {
    /// What kind of event this is.
    public enum Kind: String, Sendable, CaseIterable {
        /// A node handed a message to the network (`peer` is the destination).
        case send
        /// A message reached its destination (`peer` is the sender).
        case receive
        /// The network lost a message (`peer` is the destination).
        case drop
        /// The network made an extra copy of a message (`peer` is the destination).
        case duplicate
        /// A node armed a timer.
        case timerSet = "timer-set"
        /// A timer fired.
        case timerFired = "timer-fired"
        /// A node reported something to its user.
        case deliver
        /// A node wrote a log line.
        case log
        /// A node received a user command.
        case command
        /// A node crashed (lost its memory and timers, kept its durable storage).
        case crash
        /// A node started again from its durable storage.
        case restart
        /// The network split into groups that cannot reach each other.
        case partition
        /// The network partition healed.
        case heal
        /// A node's handler threw; the run stops.
        case failure
    }

    /// What a real node's shell appends to the detail of a message it drops on purpose (`--drop`).
    static let injectedLoss = " (injected loss)"

    /// Time since the run started.
    public var time: Duration
    public var kind: Kind
    /// The node where the event happened.
    public var node: NodeID
    /// The other end of a message, if any.
    public var peer: NodeID?
    /// Links the send, receive, drop and duplicate events of one message.
    public var messageID: Int?
    /// A human-readable description: the message, timer, output or log line.
    public var detail: String

    public init(time: Duration, kind: Kind, node: NodeID, peer: NodeID? = nil, messageID: Int? = nil, detail: String = "") {
        self.time = time
        self.kind = kind
        self.node = node
        self.peer = peer
        self.messageID = messageID
        self.detail = detail
    }
}
