import DepositKit

/// Mutant: a deposit or a change of copies asks every live server for a copy, not only the k that should hold
/// it (the surplus is left for repair to trim). Every answer is right; the bytes are not. Caught by
/// `deposit.3.3-costs` and `deposit.5.1-costs`.
public struct CopyEverywhereServer: PassThroughServer {
    public var server: DepositServer

    public init(config: DepositServerConfig) { server = DepositServer(config: config) }

    public mutating func receive(_ message: DepositMessage, from sender: NodeID, _ ctx: inout DepositContext) throws {
        let before = Set(server.transfers.keys)
        try server.receive(message, from: sender, &ctx)
        for id in server.transfers.keys.sorted() where !before.contains(id) {
            let transfer = server.transfers[id]!
            for peer in server.membership.live(at: ctx.now) where peer != ctx.id && !transfer.targets.contains(peer) {
                // the bug: a copy on every live server
                ctx.send(.store(transfer: id, record: transfer.record, source: transfer.source, key: transfer.sourceKey), to: peer)
            }
        }
    }
}
