import VideoKit

/// Mutant: an agent that sends each SEARCH once and never again, however long its answer takes.
/// The scenarios that must catch it are listed in `VideoAgentMutants`.
public struct OneShotSearchAgent: PassThroughAgent {
    public var agent: PeerAgent

    public init(config: PeerAgentConfig) { agent = PeerAgent(config: config) }

    public mutating func timerFired(_ timer: TimerID, _ ctx: inout VideoContext) throws {
        guard timer.name != "search" else { return }
        try agent.timerFired(timer, &ctx)
    }
}
