import DepositKit

/// Mutant: answers a recovery only from its own copy, so a server that holds none says the file is unavailable.
/// Caught by `deposit.4.1-recover-anywhere`.
public struct LocalOnlyRecoverServer: PassThroughServer {
    public var server: DepositServer

    public init(config: DepositServerConfig) { server = DepositServer(config: config) }

    public mutating func receive(_ message: DepositMessage, from sender: NodeID, _ ctx: inout DepositContext) throws {
        if case let .recover(request, client, name) = message, let record = server.catalog.record(owner: client, name: name),
           ctx.blobs.size(of: record.blobName) == nil {
            return ctx.send(.refused(request: request, reason: .unavailable), to: sender)  // the bug
        }
        try server.receive(message, from: sender, &ctx)
    }
}
