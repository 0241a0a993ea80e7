import MessagingKit

extension PersistenceStore {
    /// Exercise 11.1 — whether this store may enter without the replies of `missing`, each of which it suspects
    /// (`suspects(_:_:)`, checked before): only if it holds replies from enough stores that, with itself, they
    /// are a majority of all (`config.majority`), and each reply it holds answers a round started once every
    /// permission given to a missing store had run out (`lastGrant(to:).until`, `repliedAfter(_:from:)`): then no
    /// missing store is inside, and every reply shows what the last one inside appended.
    ///
    /// Tested by `messaging.11.1-crash` (a crashed store blocks no one) and `messaging.11.1-partition` (never two
    /// inside, whichever side suspects the other; no acknowledged append lost).
    /// Hint: a partitioned store is suspected but may be inside; only a majority and run-out permissions prove it is not.
    func mayEnter(without missing: [NodeID], _ ctx: MessagingContext) throws -> Bool {
        try todo("11.1")
    }
}
