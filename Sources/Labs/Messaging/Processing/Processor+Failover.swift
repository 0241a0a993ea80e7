import MessagingKit

extension Processor {
    /// Exercise 9.1 — a promise for the term we claim. Once a majority (ourselves included) promised, lead:
    /// before ordering anything, adopt the log of the promise with the highest normal term (the longest among
    /// those): every entry a majority held — every one that may have been executed anywhere — is in it. Our
    /// entries up to our commit stay; the chosen suffix replaces the rest. Then the log's normal term is this
    /// term, every follower is sent the log from our commit on, and `.elected(term:)` is reported.
    ///
    /// Tested by `messaging.9.1-failover`. Hint: `max(by:)` on `(normalTerm, length)` tuples.
    mutating func handlePromise(_ promise: Promise, from sender: NodeID, _ ctx: inout MessagingContext) throws {
        try todo("9.1")
    }

    /// Exercise 9.1 — the first `append` of a new leader's `term` (our log follows an older term): its entries
    /// from `from` replace ours, provided `from` is within what we know is committed (only there do our log
    /// and the leader's agree); then our log follows `term`. Returns false when `from` lies past our commit
    /// (the caller answers `behind`, and the leader sends from our commit).
    ///
    /// Tested by `messaging.9.1-failover`.
    mutating func takeNewTermLog(term: UInt64, from: Int, entries: [LogEntry], _ ctx: inout MessagingContext) throws -> Bool {
        try todo("9.1")
    }
}
