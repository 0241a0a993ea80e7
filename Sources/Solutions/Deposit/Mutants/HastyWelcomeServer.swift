import DepositKit

/// Mutant: welcomes a new client before its peers know the id, so the id dies with the server that issued it.
/// Caught by `deposit.1.1-identity`.
public struct HastyWelcomeServer: PassThroughServer {
    public var server: DepositServer

    public init(config: DepositServerConfig) { server = DepositServer(config: config) }

    public mutating func receive(_ message: DepositMessage, from sender: NodeID, _ ctx: inout DepositContext) throws {
        try server.receive(message, from: sender, &ctx)
        guard case .hello(_, nil) = message else { return }
        for id in server.registrations.keys { server.registrations[id]!.acked = Set(server.membership.peers) }  // the bug
        try server.identityTick(&ctx)
    }
}
