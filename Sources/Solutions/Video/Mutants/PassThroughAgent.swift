import VideoKit

/// What the agent mutants share: each wraps the reference `PeerAgent` and passes every call on to it, save the
/// ones its bug changes (a mutant declares only those).
public protocol PassThroughAgent: PeerAgentNode {
    /// The reference agent doing the work.
    var agent: PeerAgent { get set }
}

extension PassThroughAgent {
    public mutating func start(_ ctx: inout VideoContext) throws { try agent.start(&ctx) }
    public mutating func receive(_ message: TrackerMessage, from sender: NodeID, _ ctx: inout VideoContext) throws {
        try agent.receive(message, from: sender, &ctx)
    }
    public mutating func timerFired(_ timer: TimerID, _ ctx: inout VideoContext) throws { try agent.timerFired(timer, &ctx) }
    public mutating func command(_ command: PeerCommand, _ ctx: inout VideoContext) throws { try agent.command(command, &ctx) }
}
