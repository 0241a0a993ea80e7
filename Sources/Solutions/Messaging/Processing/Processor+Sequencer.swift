import MessagingKit

extension Processor {
    /// Exercise 5.1 — the sequencer: as the leader, give `request` (from `client`) the next place in the log,
    /// unless it is already there, keep it durably (`replaceLog`) and send it to the followers (`replicate`).
    /// The seed of its encryption is chosen now, once, by the leader (`Self.seed`, exercise 7.1).
    ///
    /// Tested by `messaging.5.1-total-order`. Hint: a request is in the log when an entry has its `request.key`.
    mutating func order(_ request: ProcessingRequest, from client: NodeID, _ ctx: inout MessagingContext) throws {
        try Exercise.begin("5.1")
        guard !log.contains(where: { $0.request.key == request.key }) else { return }
        let entry = LogEntry(request: request, client: client, seed: try Self.seed(for: request, sequence: log.count + 1))
        replaceLog(from: log.count, with: [entry], &ctx)
        try replicate(&ctx)
        // end exercise 5.1
    }

    /// Exercise 5.1 — as the leader (on every tick and new entry): commit what a majority holds, execute it, and
    /// send each follower the log from where it needs it (`next`, 0 when unknown), with the commit point.
    ///
    /// Tested by `messaging.5.1-total-order`. Hint: the leader holds its whole log; the commit point is the
    /// largest length that a majority's `matched` reaches (sort them, take the majority-th largest).
    mutating func replicate(_ ctx: inout MessagingContext) throws {
        try Exercise.begin("5.1")
        try advanceCommit(&ctx)
        guard case let .leading(_, next) = role else { return }
        for peer in config.replicas where peer != ctx.id {
            let from = min(next[peer, default: 0], log.count)
            ctx.send(.processing(.append(term: term, from: from, entries: Array(entries(from: from)), commit: commit)), to: peer)
        }
        // end exercise 5.1
    }

    /// Exercise 5.1 — as the leader: `follower` holds our log of `term` up to `length`: note it, then commit.
    mutating func handleAppended(term: UInt64, length: Int, from follower: NodeID, _ ctx: inout MessagingContext) throws {
        try Exercise.begin("5.1")
        guard term == self.term, case .leading(var matched, var next) = role else { return }
        matched[follower] = max(matched[follower, default: 0], min(length, log.count))
        next[follower] = max(next[follower, default: 0], min(length, log.count))
        role = .leading(matched: matched, next: next)
        try advanceCommit(&ctx)
        // end exercise 5.1
    }

    /// Exercise 5.1 — commits the longest prefix a majority (the leader included) holds, and executes it.
    mutating func advanceCommit(_ ctx: inout MessagingContext) throws {
        try Exercise.begin("5.1")
        guard case let .leading(matched, _) = role else { return }
        let lengths = config.replicas.map { $0 == ctx.id ? log.count : matched[$0, default: 0] }.sorted(by: >)
        commit = max(commit, lengths[config.majority - 1])
        try executeCommitted(&ctx)
        // end exercise 5.1
    }

    /// Exercise 5.1 — as a follower: the leader of `term` sends its log from `from`. An older term is answered
    /// `stale`; a leader not followed yet must be accepted first (`follow`, exercise 8.1), and the first log of a
    /// new term is taken by `takeNewTermLog` (exercise 9.1). In the term we follow, extend the log when the
    /// entries reach past it (a position beyond our log: answer `behind`), take the commit point (never past our
    /// log), answer `appended` with our length, and execute what is committed.
    ///
    /// Tested by `messaging.5.1-total-order`. Hint: entries of our own term never conflict with ours, so a
    /// shorter, older `append` arriving late must change nothing.
    mutating func handleAppend(term: UInt64, from: Int, entries: [LogEntry], commit leaderCommit: Int, leader sender: NodeID,
                               _ ctx: inout MessagingContext) throws {
        try Exercise.begin("5.1")
        guard term >= self.term else { return ctx.send(.processing(.stale(term: self.term)), to: sender) }
        if term == self.term, leader == sender, !isLeader {
            role = .follower
            lastHeard = ctx.now
        } else {
            guard try follow(sender, term: term, &ctx) else { return }
        }
        if normalTerm < term {
            guard try takeNewTermLog(term: term, from: from, entries: entries, &ctx) else {
                return ctx.send(.processing(.behind(term: term, from: commit)), to: sender)
            }
        } else {
            guard from <= log.count else { return ctx.send(.processing(.behind(term: term, from: log.count)), to: sender) }
            // Only what reaches past our log is new (entries of our term never conflict): writing the rest again
            // would cost a durable write per entry the leader resends, at every append.
            if from + entries.count > log.count { replaceLog(from: log.count, with: entries[(log.count - from)...], &ctx) }
        }
        commit = max(commit, min(leaderCommit, log.count))
        ctx.send(.processing(.appended(term: term, length: log.count)), to: sender)
        try executeCommitted(&ctx)
        // end exercise 5.1
    }
}
