import MessagingKit

extension Processor {
    /// Exercise 8.1 — on every tick of a processor that does not lead: a follower that has not heard its leader
    /// for `config.electionTimeout` starts an election; an election nobody above answered within
    /// `config.answerTimeout` claims the lead (`claimLead`); one that was answered, or a claim that gathered
    /// nothing new for `electionTimeout`, starts over. A claim is sent again on each tick to those that did not
    /// promise yet (a claim or a promise may be lost), and the page a claim waits for is asked again
    /// (`leadWithBestLog`, exercise 9.1).
    ///
    /// Tested by `messaging.8.1-election`.
    mutating func electionTick(_ ctx: inout MessagingContext) throws {
        try todo("8.1")
    }

    /// Exercise 8.1 — the bully algorithm: send `election` to every processor ranked above this one (none: claim
    /// at once), and wait for an `alive`.
    mutating func startElection(_ ctx: inout MessagingContext) throws {
        try todo("8.1")
    }

    /// Exercise 8.1 — no one above answered: claim the next term, above any a refused claimant asked for (kept
    /// durably before anything is sent), promise it to ourselves with our own log from our commit on, whole,
    /// and send `claim` from our commit to every other processor.
    mutating func claimLead(_ ctx: inout MessagingContext) throws {
        try todo("8.1")
    }

    /// Exercise 8.1 — a lower processor asks whether one above is alive: answer `alive`. A leader then reminds
    /// everyone at once (`replicate`); a follower that has lost its leader runs its own election.
    mutating func handleElection(from sender: NodeID, _ ctx: inout MessagingContext) throws {
        try todo("8.1")
    }

    /// Exercise 8.1 — a processor above is alive and takes over: wait for its claim (from now).
    mutating func handleAlive(from sender: NodeID, _ ctx: inout MessagingContext) throws {
        try todo("8.1")
    }

    /// Exercise 8.1 — `sender` claims to lead `term`. Refuse a claimant ranked below us (`.lowerRank`: report
    /// it with `.refusedClaim`, and run our own election unless we follow a live leader) and a term not above
    /// ours (`.staleTerm`), unless it is the claim we promised already (promise again: ours may be lost, or
    /// this asks for the next page). Otherwise follow it: take its term durably. Then `promise` with our log's
    /// normal term, its length, our commit point and one page of its entries from the claim's `from` (or our
    /// log's end, if shorter): `entries(from:)` gives at most what one message carries.
    ///
    /// Tested by `messaging.8.1-election` and `messaging.9.1-long-log`.
    mutating func handleClaim(term claimed: UInt64, from position: Int, by sender: NodeID, _ ctx: inout MessagingContext) throws {
        try todo("8.1")
    }

    /// Exercise 8.1 — a leader of `term` (at least ours) we do not follow yet speaks: whether we follow it. Not
    /// while we lead this very term; only one ranked above us (take its term durably, follow it); one ranked
    /// below is refused as `handleClaim` does.
    mutating func follow(_ sender: NodeID, term: UInt64, _ ctx: inout MessagingContext) throws -> Bool {
        try todo("8.1")
    }

    /// Exercise 8.1 — refuses `sender`'s lead of `term` for ranking below us, and runs an election unless we follow a live leader.
    mutating func refuseLowerRank(_ sender: NodeID, term: UInt64, _ ctx: inout MessagingContext) throws {
        try todo("8.1")
    }

    /// Exercise 8.1 — our claim of `term` was refused. By a processor above us (`.lowerRank`): yield, and wait
    /// for its claim as a follower. For a higher term (`.staleTerm`): take that term, and elect again later.
    mutating func handleRefused(term claimed: UInt64, reason: ClaimRefusal, _ ctx: inout MessagingContext) throws {
        try todo("8.1")
    }
}
