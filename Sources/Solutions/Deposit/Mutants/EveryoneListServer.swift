import DepositKit

/// Mutant: lists every client's files to whoever asks. Caught by `deposit.4.1-isolation`.
public struct EveryoneListServer: PassThroughServer {
    public var server: DepositServer

    public init(config: DepositServerConfig) { server = DepositServer(config: config) }

    public mutating func receive(_ message: DepositMessage, from sender: NodeID, _ ctx: inout DepositContext) throws {
        guard case let .list(request, client) = message, server.catalog.clients.contains(client) else {
            return try server.receive(message, from: sender, &ctx)
        }
        let files = server.catalog.records.keys.sorted().map { ListedFile(record: server.catalog.records[$0]!, copies: 1) }  // the bug
        ctx.send(.listing(request: request, files: files), to: sender)
    }
}
