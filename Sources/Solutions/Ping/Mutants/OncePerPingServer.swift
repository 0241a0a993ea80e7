import PingKit

/// Mutant: a server that answers each PING only once and ignores its copies, as if a duplicate were a mistake
/// of the network to hide. The scenarios that must catch it are listed in `PingMutants`.
public struct OncePerPingServer: PingServerNode {
    private var server = PingServer()
    private var answered: Set<String> = []

    public init() {}

    public mutating func receive(_ message: PingMessage, from sender: NodeID, _ ctx: inout PingContext) throws {
        if case let .ping(seq, attempt) = message {
            guard answered.insert("\(sender) \(seq)/\(attempt)").inserted else { return }
        }
        try server.receive(message, from: sender, &ctx)
    }
}
