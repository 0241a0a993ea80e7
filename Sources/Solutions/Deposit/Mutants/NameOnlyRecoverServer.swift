import DepositKit

/// Mutant: finds a file to recover by its name alone, whoever owns it. Caught by `deposit.4.1-isolation`.
public struct NameOnlyRecoverServer: PassThroughServer {
    public var server: DepositServer

    public init(config: DepositServerConfig) { server = DepositServer(config: config) }

    public mutating func receive(_ message: DepositMessage, from sender: NodeID, _ ctx: inout DepositContext) throws {
        if case let .recover(request, client, name) = message, server.catalog.record(owner: client, name: name) == nil,
           let other = server.catalog.records.values.sorted(by: { $0.key < $1.key }).first(where: { $0.name == name }) {
            return ctx.send(.found(request: request, record: other, holders: server.holders(of: other.blobName, &ctx)), to: sender)  // the bug
        }
        try server.receive(message, from: sender, &ctx)
    }
}
