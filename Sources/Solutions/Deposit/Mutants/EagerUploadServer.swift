import DepositKit

/// Mutant: starts pulling a deposit's bytes before checking the request, so refused deposits and the same file
/// deposited again still send bytes. Caught by `deposit.3.1-refusals` and `deposit.5.1-same-file`.
public struct EagerUploadServer: PassThroughServer {
    public var server: DepositServer

    public init(config: DepositServerConfig) { server = DepositServer(config: config) }

    public mutating func receive(_ message: DepositMessage, from sender: NodeID, _ ctx: inout DepositContext) throws {
        if case let .deposit(request, _, _, size, _, _) = message, size > 0 {
            ctx.send(.fetch(key: DepositClient.uploadKey(request), offset: 0, count: Int(min(size, 64 << 10))), to: sender)  // the bug
        }
        try server.receive(message, from: sender, &ctx)
    }
}
