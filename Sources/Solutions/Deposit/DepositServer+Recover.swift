import DepositKit

extension DepositServer {
    /// Exercise 4.1 — answer RECOVER from any server, one that holds no copy too: refuse an unknown client
    /// and a name it has no file under (`.notFound`, whatever other clients hold); else answer `found` with the
    /// file's record and its live holders, this server first if it holds the blob (`holders(of:)`), then the
    /// servers that should hold it (`placement`), in case a new copy is not in a heartbeat yet. The client
    /// pulls the blob from them and checks its SHA-256.
    ///
    /// Tested by `deposit.4.1-recover-anywhere`. Hint: the catalog is keyed by owner and name: another
    /// client's file is never found, since the owner is part of the key.
    mutating func handleRecover(request: UInt64, client: ClientID, name: String, from sender: NodeID, _ ctx: inout DepositContext) throws {
        try Exercise.begin("4.1")
        guard catalog.clients.contains(client) else { return ctx.send(.refused(request: request, reason: .unknownClient), to: sender) }
        guard let record = catalog.record(owner: client, name: name) else {
            return ctx.send(.refused(request: request, reason: .notFound(name: name)), to: sender)
        }
        // The holders heard of, then the servers that should hold it (a new copy may not be in a heartbeat yet).
        let known = holders(of: record.blobName, &ctx)
        let holders = known + (try placement(of: record, &ctx)).filter { !known.contains($0) }
        guard !holders.isEmpty else { return ctx.send(.refused(request: request, reason: .unavailable), to: sender) }
        ctx.send(.found(request: request, record: record, holders: holders), to: sender)
        // end exercise 4.1
    }

    /// Exercise 4.1 — answer LIST with the client's own files only, each with its live copies now.
    mutating func handleList(request: UInt64, client: ClientID, from sender: NodeID, _ ctx: inout DepositContext) throws {
        try Exercise.begin("4.1")
        guard catalog.clients.contains(client) else { return ctx.send(.refused(request: request, reason: .unknownClient), to: sender) }
        let files = catalog.files(of: client).map { ListedFile(record: $0, copies: holders(of: $0.blobName, &ctx).count) }
        ctx.send(.listing(request: request, files: files), to: sender)
        // end exercise 4.1
    }
}
