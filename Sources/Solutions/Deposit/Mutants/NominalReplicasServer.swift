import DepositKit

/// Mutant: answers a change of copies **ok** at once and changes nothing. Caught by `deposit.5.1-same-file`.
public struct NominalReplicasServer: PassThroughServer {
    public var server: DepositServer

    public init(config: DepositServerConfig) { server = DepositServer(config: config) }

    public mutating func receive(_ message: DepositMessage, from sender: NodeID, _ ctx: inout DepositContext) throws {
        if case let .setReplicas(request, client, name, _) = message, server.catalog.record(owner: client, name: name) != nil {
            return ctx.send(.done(request: request), to: sender)  // the bug
        }
        try server.receive(message, from: sender, &ctx)
    }
}
