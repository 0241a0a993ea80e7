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
        try todo("4.1")
    }

    /// Exercise 4.1 — answer LIST with the client's own files only, each with its live copies now.
    mutating func handleList(request: UInt64, client: ClientID, from sender: NodeID, _ ctx: inout DepositContext) throws {
        try todo("4.1")
    }
}
