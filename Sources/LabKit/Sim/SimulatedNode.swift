/// Type-erases a node so one simulation can host different roles that speak the same messages.
class SimulatedNode<Message: WireCodable & Sendable, Output: Sendable> {
    func start(_ ctx: inout NodeContext<Message, Output>) throws { fatalError("abstract") }
    func receive(_ message: Message, from sender: NodeID, _ ctx: inout NodeContext<Message, Output>) throws { fatalError("abstract") }
    func timerFired(_ timer: TimerID, _ ctx: inout NodeContext<Message, Output>) throws { fatalError("abstract") }
    func command(_ command: Any, _ ctx: inout NodeContext<Message, Output>) throws { fatalError("abstract") }
    var logic: Any { fatalError("abstract") }
}

final class HostedNode<Logic: NodeLogic>: SimulatedNode<Logic.Message, Logic.Output> {
    private var node: Logic

    init(_ node: Logic) { self.node = node }

    override func start(_ ctx: inout NodeContext<Logic.Message, Logic.Output>) throws { try node.start(&ctx) }
    override func receive(_ message: Logic.Message, from sender: NodeID, _ ctx: inout NodeContext<Logic.Message, Logic.Output>) throws {
        try node.receive(message, from: sender, &ctx)
    }
    override func timerFired(_ timer: TimerID, _ ctx: inout NodeContext<Logic.Message, Logic.Output>) throws { try node.timerFired(timer, &ctx) }
    override func command(_ command: Any, _ ctx: inout NodeContext<Logic.Message, Logic.Output>) throws {
        guard let command = command as? Logic.Command else {
            preconditionFailure("command \(command) is not a \(Logic.Command.self) for \(Logic.self)")
        }
        try node.command(command, &ctx)
    }
    override var logic: Any { node }
}

/// A typed reference to a node in a ``Simulation``, for sending it commands and inspecting its state.
public struct NodeHandle<Logic: NodeLogic>: Sendable, Hashable {
    /// The node's name.
    public let id: NodeID
}

/// Something a node reported to its user during a simulated run.
public struct Delivery<Output: Sendable>: Sendable {
    /// When it was reported.
    public let time: Duration
    /// Which node reported it.
    public let node: NodeID
    /// What was reported.
    public let output: Output
}

/// Counts of what the simulated network did.
public struct NetworkStats: Sendable, Equatable {
    public var sent = 0
    public var delivered = 0
    public var dropped = 0
    public var duplicated = 0
    /// Messages the wire would not carry: their own decoder refuses their bytes (counted in ``dropped`` too).
    public var undecodable = 0
}

/// A message as the simulated network saw it: when it was sent or received, between whom.
public struct MessageRecord<Message: Sendable>: Sendable {
    public enum Event: Sendable { case sent, received }
    public let time: Duration
    public let event: Event
    public let from: NodeID
    public let to: NodeID
    public let message: Message
    /// The same for the send and every receive of one message.
    public let messageID: Int
}
