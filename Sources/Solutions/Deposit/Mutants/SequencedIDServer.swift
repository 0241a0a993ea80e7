import DepositKit

/// Mutant: ids drawn from a generator seeded the same on every server, so two servers issue the same id.
/// Caught by `deposit.1.1-identity`.
public struct SequencedIDServer: PassThroughServer {
    public var server: DepositServer
    private var issued: UInt64 = 0

    public init(config: DepositServerConfig) { server = DepositServer(config: config) }

    public mutating func receive(_ message: DepositMessage, from sender: NodeID, _ ctx: inout DepositContext) throws {
        guard case .hello(_, nil) = message else { return try server.receive(message, from: sender, &ctx) }
        let own = ctx.random
        ctx.random = SeededRandom(seed: issued, stream: "client ids")  // the bug: the same sequence everywhere
        issued += 1
        defer { ctx.random = own }
        try server.receive(message, from: sender, &ctx)
    }
}
