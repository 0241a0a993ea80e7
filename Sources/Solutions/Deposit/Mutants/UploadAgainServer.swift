import DepositKit

/// Mutant: a deposit of the file it holds, with the same name, hash and count (a retry), has the client send
/// its bytes again before it is answered. Caught by `deposit.5.1-same-file`.
public struct UploadAgainServer: PassThroughServer {
    public var server: DepositServer

    public init(config: DepositServerConfig) { server = DepositServer(config: config) }

    public mutating func receive(_ message: DepositMessage, from sender: NodeID, _ ctx: inout DepositContext) throws {
        if case let .deposit(request, client, name, size, sha256, replicas) = message,
           let held = server.catalog.record(owner: client, name: name), held.sha256 == sha256, held.size == size, held.replicas == replicas {
            // the bug: the bytes are asked for again (and dropped)
            ctx.send(.fetch(key: DepositClient.uploadKey(request), offset: 0, count: server.config.limits.pieceSize), to: sender)
        }
        try server.receive(message, from: sender, &ctx)
    }
}
