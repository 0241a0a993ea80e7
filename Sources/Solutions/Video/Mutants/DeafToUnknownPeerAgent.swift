import VideoKit

/// Mutant: an agent that takes no notice of UNKNOWN-PEER, so after a tracker restart it heartbeats a tracker
/// that no longer knows it instead of joining again.
/// The scenarios that must catch it are listed in `VideoAgentMutants`.
public struct DeafToUnknownPeerAgent: PassThroughAgent {
    public var agent: PeerAgent

    public init(config: PeerAgentConfig) { agent = PeerAgent(config: config) }

    public mutating func receive(_ message: TrackerMessage, from sender: NodeID, _ ctx: inout VideoContext) throws {
        guard message != .unknownPeer else { return }
        try agent.receive(message, from: sender, &ctx)
    }
}
