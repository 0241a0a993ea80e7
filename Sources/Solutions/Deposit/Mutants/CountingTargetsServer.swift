import DepositKit

/// Mutant: counts the servers it asked for a copy, not those that hold one: the first `stored` acknowledges.
/// Caught by `deposit.3.3-acknowledgement`.
public struct CountingTargetsServer: PassThroughServer {
    public var server: DepositServer

    public init(config: DepositServerConfig) { server = DepositServer(config: config) }

    public mutating func receive(_ message: DepositMessage, from sender: NodeID, _ ctx: inout DepositContext) throws {
        try server.receive(message, from: sender, &ctx)
        guard case let .stored(id, _) = message, let transfer = server.transfers[id], transfer.committed == nil else { return }
        server.transfers[id]!.stored.formUnion(transfer.targets)  // the bug
        try server.checkStored(id, &ctx)
    }
}
