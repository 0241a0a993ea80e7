/// A node of a distributed system written as a state machine: events in, effects out, no I/O of its own.
///
/// The same value runs for real (``NodeShell`` maps effects onto sockets and the wall clock) and in the
/// deterministic ``Simulation`` (virtual time, seeded faults). A node MUST NOT read clocks, random sources,
/// sockets or files directly: everything comes through its context, so every run replays from a seed.
///
/// Each lab's contract names its context type (`PingContext`) so handlers read simply.
/// Handlers may throw: a skeleton's `try todo("2.1")` stops the run with "not implemented: exercise 2.1",
/// and any other error is reported as the node crashing.
/// ```swift
/// struct Echo: NodeLogic {
///     mutating func receive(_ message: String, from sender: NodeID, _ ctx: inout NodeContext<String, Never>) {
///         ctx.send(message, to: sender)
///     }
/// }
/// ```
public protocol NodeLogic: Sendable {
    /// The messages this node exchanges with others.
    associatedtype Message: WireCodable & Sendable
    /// What the node reports to its user; graders check these.
    associatedtype Output: Sendable = Never
    /// What a user can ask of the node (a typed line at its prompt, a scripted action in a scenario).
    associatedtype Command: Sendable = Never

    /// Whether the node proves who sent each message itself (a seal, a signature) and says so with
    /// `ctx.vouch(for:)`: the driver then learns no sender's address before the node vouched for it. `false`
    /// (the default, labs without authentication): every message that decodes vouches for the sender it names.
    static var authenticatesSenders: Bool { get }

    /// Called once when the node starts, and again after each restart (with the storage it persisted).
    mutating func start(_ ctx: inout NodeContext<Message, Output>) throws
    /// Called for every message that reaches the node.
    mutating func receive(_ message: Message, from sender: NodeID, _ ctx: inout NodeContext<Message, Output>) throws
    /// Called when a timer set with `ctx.setTimer` fires.
    mutating func timerFired(_ timer: TimerID, _ ctx: inout NodeContext<Message, Output>) throws
    /// Called when the node's user asks for something.
    mutating func command(_ command: Command, _ ctx: inout NodeContext<Message, Output>) throws
}

extension NodeLogic {
    public static var authenticatesSenders: Bool { false }
    public mutating func start(_ ctx: inout NodeContext<Message, Output>) throws {}
    public mutating func timerFired(_ timer: TimerID, _ ctx: inout NodeContext<Message, Output>) throws {}
}

extension NodeLogic where Command == Never {
    public mutating func command(_ command: Never, _ ctx: inout NodeContext<Message, Output>) throws {}
}
