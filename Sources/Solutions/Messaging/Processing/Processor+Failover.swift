import MessagingKit

extension Processor {
    /// Exercise 9.1 — a promise, or the next page of one, for the term we claim: take it in (`taking`, given:
    /// copies and late pages add nothing); if it added something, the claim made progress (its clock starts
    /// again), and `leadWithBestLog`.
    ///
    /// Tested by `messaging.9.1-failover` and `messaging.9.1-long-log`.
    mutating func handlePromise(_ page: Promise, from sender: NodeID, _ ctx: inout MessagingContext) throws {
        try Exercise.begin("9.1")
        guard case .claiming(_, let heard) = role, let promises = taking(page, from: sender, into: heard) else { return }
        role = .claiming(since: ctx.now, promises: promises)
        try leadWithBestLog(&ctx)
        // end exercise 9.1
    }

    /// Exercise 9.1 — once a majority (ourselves included) promised, lead, but not before adopting the log of
    /// the promise with the highest normal term (the longest among those; ties go to the higher name): every
    /// entry a majority held — every one that may have been executed anywhere — is in it. While that promise is
    /// not whole, ask its sender for the rest instead (`claim` from where it stops) and wait. Once it is, our
    /// entries up to our commit stay and its entries replace the rest. Every commit point promised is
    /// committed, and the adopted log holds it: take the highest as ours (a processor back from a crash starts
    /// at 0), so that the followers are sent only what lies past it. Then the log's normal term is this term,
    /// every follower is sent the log from our commit on, and `.elected(term:)` is reported.
    ///
    /// Tested by `messaging.9.1-failover` and `messaging.9.1-long-log`. Hint: `max(by:)` on
    /// `(normalTerm, length, name)` tuples.
    mutating func leadWithBestLog(_ ctx: inout MessagingContext) throws {
        try Exercise.begin("9.1")
        guard case let .claiming(_, promises) = role, promises.count >= config.majority else { return }
        let (sender, best) = promises.max { ($0.value.normalTerm, $0.value.length, $0.key) < ($1.value.normalTerm, $1.value.length, $1.key) }!
        guard best.isWhole else { return ctx.send(.processing(.claim(term: term, from: best.end)), to: sender) }
        replaceLog(from: commit, with: best.entries, &ctx)
        commit = max(commit, min(promises.values.map(\.commit).max()!, log.count))
        normalTerm = term
        persistTerms(&ctx)
        leader = ctx.id
        let peers = config.replicas.filter { $0 != ctx.id }
        role = .leading(matched: [:], next: Dictionary(uniqueKeysWithValues: peers.map { ($0, commit) }))
        ctx.deliver(.processing(.elected(term: term)))
        try replicate(&ctx)
        // end exercise 9.1
    }

    /// Exercise 9.1 — the first `append` of a new leader's `term` (our log follows an older term): its entries
    /// from `from` replace ours, provided `from` is within what we know is committed (only there do our log
    /// and the leader's agree); then our log follows `term`. Returns false when `from` lies past our commit
    /// (the caller answers `behind`, and the leader sends from our commit).
    ///
    /// Tested by `messaging.9.1-failover`.
    mutating func takeNewTermLog(term: UInt64, from: Int, entries: [LogEntry], _ ctx: inout MessagingContext) throws -> Bool {
        try Exercise.begin("9.1")
        guard from <= commit, from <= log.count else { return false }
        replaceLog(from: from, with: entries, &ctx)
        normalTerm = term
        persistTerms(&ctx)
        return true
        // end exercise 9.1
    }
}
