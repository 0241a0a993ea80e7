/// A deposit server: the node students write in every exercise.
///
/// Servers keep clients' files as blobs (``FileRecord/blobName``) in `ctx.blobs`, and the catalog of who owns
/// what in `ctx.storage` (``DepositCatalog``). Graders read the hooks below between events and never change
/// the node; the static ``rank(owner:name:among:)`` is the placement rule, graded on its own (exercise 2.1).
public protocol DepositServerNode: NodeLogic where Message == DepositMessage, Output == DepositEvent, Command == Never {
    /// A server of the cluster configured by `config`; it starts on `start`.
    init(config: DepositServerConfig)
    /// Exercise 2.1: `servers` in the order they should hold `owner`'s file `name` (the first k keep its k
    /// copies). Every server computes it alike; removing a server from `servers` must not reorder the others.
    static func rank(owner: ClientID, name: String, among servers: [NodeID]) throws -> [NodeID]
    /// What this server knows of the cluster's clients and files.
    var catalog: DepositCatalog { get }
}
