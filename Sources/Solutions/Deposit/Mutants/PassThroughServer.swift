import DepositKit

/// What every deposit mutant shares: it wraps the reference `DepositServer` and passes every call on to it,
/// save the one its bug changes (a mutant declares only that one).
public protocol PassThroughServer: DepositServerNode {
    /// The reference server doing the work.
    var server: DepositServer { get set }
}

extension PassThroughServer {
    public static func rank(owner: ClientID, name: String, among servers: [NodeID]) throws -> [NodeID] {
        try DepositServer.rank(owner: owner, name: name, among: servers)
    }

    public var catalog: DepositCatalog { server.catalog }

    public mutating func start(_ ctx: inout DepositContext) throws { try server.start(&ctx) }
    public mutating func receive(_ message: DepositMessage, from sender: NodeID, _ ctx: inout DepositContext) throws {
        try server.receive(message, from: sender, &ctx)
    }
    public mutating func timerFired(_ timer: TimerID, _ ctx: inout DepositContext) throws { try server.timerFired(timer, &ctx) }
}
