import VideoKit

/// Mutant: an agent that heartbeats every ttl instead of every ttl / 3, so one lost heartbeat expires it.
/// The scenarios that must catch it are listed in `VideoAgentMutants`.
public struct SlowHeartbeatAgent: PassThroughAgent {
    public var agent: PeerAgent

    public init(config: PeerAgentConfig) { agent = PeerAgent(config: config) }

    public mutating func receive(_ message: TrackerMessage, from sender: NodeID, _ ctx: inout VideoContext) throws {
        try agent.receive(message, from: sender, &ctx)
        if case let .joined(ttl) = message { agent.heartbeatInterval = ttl }
    }
}
