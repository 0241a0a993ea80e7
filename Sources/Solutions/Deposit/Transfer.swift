import DepositKit

/// A client's request as a server remembers it: who sent it and its number.
struct RequestKey: Hashable, Sendable {
    let node: NodeID
    let request: UInt64
}

/// A change this server coordinates: a deposit, or a change of a file's copies. It ends **ok** once
/// `record.replicas` distinct servers said `stored` and as many keep the record durably (`committed`).
struct Transfer: Sendable {
    let id: UInt64
    /// The client request it answers.
    let client: RequestKey
    /// The record that becomes current.
    var record: FileRecord
    /// While the bytes come from the client: the pull of the upload into `sourceKey`.
    var upload: BlobPull?
    /// Whether the targets were asked for their copies while the upload still arrives.
    var pipelined = false
    /// The node the copies are pulled from, and the key they know the bytes by there.
    var source: NodeID
    var sourceKey: String
    /// The servers asked for a copy, and those that said `stored`.
    var targets: [NodeID]
    var stored: Set<NodeID> = []
    /// Servers that refused a copy: not asked again.
    var refusedBy: Set<NodeID> = []
    /// The servers that keep the record durably, once the commit began (`nil` before).
    var committed: Set<NodeID>?
    let started: Duration
}

/// A copy this server is pulling: for the coordinators waiting on it (`store`), or for repair (none).
struct IncomingCopy: Sendable {
    var pull: BlobPull
    var record: FileRecord
    /// The coordinators to tell `stored` (or `storeFailed`), with their transfer numbers.
    var waiters: [Waiter]
    /// When the pull began: one still unfinished past `transferDeadline(for:)` its size fails (its source may be lying).
    let started: Duration

    struct Waiter: Hashable, Sendable {
        let coordinator: NodeID
        let transfer: UInt64
    }
}
