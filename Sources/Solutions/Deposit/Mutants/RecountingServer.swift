import DepositKit

/// Mutant: counts every `stored` message, so a copy of one arriving twice counts as two servers.
/// Caught by `deposit.3.3-acknowledgement` and `deposit.6.1-chaos`.
public struct RecountingServer: PassThroughServer {
    public var server: DepositServer
    private var counted: [UInt64: Int] = [:]

    public init(config: DepositServerConfig) { server = DepositServer(config: config) }

    public mutating func receive(_ message: DepositMessage, from sender: NodeID, _ ctx: inout DepositContext) throws {
        try server.receive(message, from: sender, &ctx)
        guard case let .stored(id, _) = message, let transfer = server.transfers[id], transfer.committed == nil else { return }
        counted[id, default: 0] += 1
        if counted[id]! >= transfer.record.replicas {  // the bug: messages, not servers
            server.transfers[id]!.stored.formUnion(transfer.targets)
            try server.checkStored(id, &ctx)
        }
    }
}
