import DepositKit

extension DepositServer {
    /// Exercise 5.1 — REPLICAS NAME K: refuse what `refusal` refuses and a name the client has no file under;
    /// otherwise `changeReplicas`.
    ///
    /// Tested by `deposit.5.1-same-file`.
    mutating func handleSetReplicas(_ key: RequestKey, client: ClientID, name: String, replicas: Int, _ ctx: inout DepositContext) throws {
        try todo("5.1")
    }

    /// Exercise 5.1 — the original's rule: the file `held` is kept on `replicas` servers from now on, and no
    /// byte comes from the client. The same count: a retry, or a change made already (maybe by another server,
    /// whose commit is still on its way to the others) — `done` once k servers confirm they keep the record
    /// (`confirmCommitted`, as for a deposit retried). Another: a new version of the record with
    /// the new count, copies asked of its servers (`startCopies`) from a live holder (found again on every tick
    /// while none is known), and `done` once the new count holds (exercise 3.3's rule). Surplus copies are trimmed by repair (exercise 6.1).
    mutating func changeReplicas(of held: FileRecord, to replicas: Int, for key: RequestKey, _ ctx: inout DepositContext) throws {
        try todo("5.1")
    }
}
