import DepositKit

extension DepositServer {
    /// Exercise 3.1 — take a DEPOSIT as its coordinator. The same name, size, hash and count as the file held:
    /// a retry, before anything else — `done` once k servers confirm they keep the record (`confirmCommitted`:
    /// this server may have the record from a commit still under way). Refuse (with `answer`, so a resent request gets the
    /// same reply) an unknown client, a name ``FileName`` refuses, a count outside `1...maxReplicas`, more
    /// copies than live servers, and a size over the limit or the space left. The same name, size and hash
    /// with another count is no new file: `changeReplicas` (exercise 5.1). Otherwise make the new version's
    /// record (version + 1), pick its servers (`placement`), and pull the bytes from the client
    /// (`DepositClient.uploadKey(request)`) into the blob the copies are made from: the final blob if this
    /// server is one of them, `stage-` + the blob name if not.
    ///
    /// Tested by `deposit.3.1-refusals`, and by every deposit after it. Hint: the upload's steps arrive in
    /// `uploadStep`; a transfer's number comes from `ctx.random`.
    mutating func handleDeposit(_ key: RequestKey, client: ClientID, name: String, size: UInt64, sha256: [UInt8], replicas: Int,
                                _ ctx: inout DepositContext) throws {
        try todo("3.1")
    }

    /// Exercise 3.1 — why a request about `client`'s file `name` on `replicas` servers is refused, or `nil`.
    func refusal(client: ClientID, name: String, replicas: Int, _ ctx: DepositContext) throws -> DepositRefusal? {
        try todo("3.1")
    }

    /// Exercise 3.1 — why a deposit of `size` bytes is refused before its bytes flow, or `nil`.
    func sizeRefusal(_ size: UInt64, _ ctx: DepositContext) throws -> DepositRefusal? {
        try todo("3.1")
    }
}
