import DepositKit

extension DepositServer {
    /// Exercise 6.1 — keep every file at k live copies, whatever dies or comes back. Reach this property:
    /// after a server dies (and `deadAfter` passes), every file it held is back at k live copies within a few
    /// seconds, moving at most 1.05 × the ideal bytes (each lost copy once); a server that returns with old
    /// versions or surplus copies reconciles, so that each file has exactly k copies; with k ≥ 2, no moment of
    /// any k − 1 servers dying loses an acknowledged file. Called on every tick, once the server heard its peers.
    ///
    /// Tested by `deposit.6.1-repair`, `deposit.6.1-rejoin` and `deposit.6.1-chaos`.
    mutating func repair(_ ctx: inout DepositContext) throws {
        try todo("6.1")
    }
}
