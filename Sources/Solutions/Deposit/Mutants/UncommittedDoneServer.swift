import DepositKit

/// Mutant: answers **ok** once the copies are stored, before k servers keep the record: a crash of the
/// coordinator then forgets whose file it was. Caught by `deposit.3.3-acknowledgement`.
public struct UncommittedDoneServer: PassThroughServer {
    public var server: DepositServer

    public init(config: DepositServerConfig) { server = DepositServer(config: config) }

    public mutating func receive(_ message: DepositMessage, from sender: NodeID, _ ctx: inout DepositContext) throws {
        try server.receive(message, from: sender, &ctx)
        for (id, transfer) in server.transfers where transfer.committed != nil {
            server.transfers[id]!.committed!.formUnion(transfer.targets + server.membership.peers)  // the bug
            try server.checkCommitted(id, &ctx)
        }
    }
}
