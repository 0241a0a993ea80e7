import DepositKit

extension DepositServer {
    /// Exercise 2.1 — rank `servers` for `owner`'s file `name` by rendezvous (highest random weight) hashing:
    /// each server's score is a hash of (owner, name, server); the highest score comes first. Every server
    /// computes the same order without asking anyone, and removing one server leaves the others' order as it was
    /// (only the files it held move), which `hash % n` does not.
    ///
    /// Tested by `deposit.2.1-placement`: each server once, the same order whatever the input order, removal
    /// moves nothing else, and first places spread evenly over many files. Hint: SHA-256 of the owner's bytes,
    /// the name's UTF-8, a 0 byte and the server's name; read its first 8 bytes as a `UInt64`.
    public static func rank(owner: ClientID, name: String, among servers: [NodeID]) throws -> [NodeID] {
        try todo("2.1")
    }
}
