import VideoKit

/// Mutant: an agent that sends a file's UPDATE once, when it is downloaded, and never again: a lost UPDATE
/// leaves the tracker unaware of the file.
/// The scenarios that must catch it are listed in `VideoAgentMutants`.
public struct UpdateOnceAgent: PassThroughAgent {
    public var agent: PeerAgent

    public init(config: PeerAgentConfig) { agent = PeerAgent(config: config) }

    public mutating func command(_ command: PeerCommand, _ ctx: inout VideoContext) throws {
        try agent.command(command, &ctx)
        agent.announced = []
    }
}
