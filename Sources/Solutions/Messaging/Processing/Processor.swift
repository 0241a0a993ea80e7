import MessagingKit

/// A processor of the replicated RSA service: every processor executes every request, in the one order the
/// leader of the current term assigns, and answers the client; the leader is elected with the bully algorithm.
///
/// Every event is handled here and dispatched to the exercise that owns it (the `Processor+…` files); timers,
/// keeping the log durably and executing committed entries in order are given.
public struct Processor: ProcessorNode {
    /// The one periodic timer: heartbeats, election timeouts.
    static let tickTimer: TimerID = "tick"

    let config: ProcessingConfig
    public internal(set) var term: UInt64 = 0
    /// The last term whose leader's log this one follows (VR's "last normal view"): logs are compared by it.
    var normalTerm: UInt64 = 0
    /// The ordered requests, position 0 holding sequence number 1 (kept durably).
    var log: [LogEntry] = []
    /// How many entries of the log are committed (held by a majority): those may be executed.
    var commit = 0
    public internal(set) var executed: [ExecutedEntry] = []
    /// How many log entries were executed (or skipped as duplicates) in this run.
    var executedCount = 0
    /// The result of every request executed, by id and secret: a retry is answered from here.
    var results: [RequestKey: ProcessingResult] = [:]
    /// Each client id's secret, registered by its first executed request.
    var owners: [UInt64: [UInt8]] = [:]
    var role = Role.follower
    /// The leader followed in ``term``, when known.
    var leader: NodeID?
    /// When this processor last heard its leader (or started).
    var lastHeard: Duration = .zero
    /// The highest term a refused claimant asked for: our own claim goes above it.
    var highestRefused: UInt64 = 0

    /// What a processor is doing in the election.
    enum Role: Equatable, Sendable {
        case follower
        /// Asked the processors above it (`election`) at `since`; `answered` once one said `alive`.
        case electing(since: Duration, answered: Bool)
        /// Claimed ``term`` at `since`, with the promises heard so far.
        case claiming(since: Duration, promises: [NodeID: Promise])
        /// Leads ``term``: `matched` is how far each follower's log is known to match, `next` where to send from.
        case leading(matched: [NodeID: Int], next: [NodeID: Int])
    }

    /// A follower's promise as heard so far: its log's last normal term and length, how far it knows that log
    /// committed, and its entries from `from` on, gathered page by page (one `promise` carries at most
    /// `ProcessingMessage.maximumEntries`).
    struct Promise: Equatable, Sendable {
        var normalTerm: UInt64
        var length: Int
        var commit: Int
        var from: Int
        var entries: [LogEntry]
        /// Where the entries heard so far stop: the next page starts there.
        var end: Int { from + entries.count }
        /// Whether every entry from `from` to the log's end was heard.
        var isWhole: Bool { end >= length }
    }

    public var isLeader: Bool { if case .leading = role { true } else { false } }

    public init(config: ProcessingConfig) { self.config = config }

    public mutating func start(_ ctx: inout MessagingContext) throws {
        loadLog(ctx.storage)
        if term == 0, let highest = config.replicas.last {
            // A fresh service: the highest processor leads term 1 by configuration, so the first requests need no election.
            term = 1
            normalTerm = 1
            leader = highest
            persistTerms(&ctx)
            if highest == ctx.id { role = .leading(matched: [:], next: [:]) }
        }
        lastHeard = ctx.now
        ctx.setTimer(Self.tickTimer, after: config.heartbeat)
        if isLeader { try replicate(&ctx) }
    }

    public mutating func timerFired(_ timer: TimerID, _ ctx: inout MessagingContext) throws {
        guard timer == Self.tickTimer else { return }
        ctx.setTimer(Self.tickTimer, after: config.heartbeat)
        if isLeader {
            try replicate(&ctx)
        } else if role != .follower || ctx.now - lastHeard > config.electionTimeout {
            try electionTick(&ctx)
        }
    }

    public mutating func receive(_ message: MessagingMessage, from sender: NodeID, _ ctx: inout MessagingContext) throws {
        guard case let .processing(message) = message else { return }
        let peer = config.rank(of: sender) >= 0 && sender != ctx.id
        switch message {
        case let .request(request): try handleRequest(request, from: sender, &ctx)
        case let .append(term, from, entries, commit) where peer:
            try handleAppend(term: term, from: from, entries: entries, commit: commit, leader: sender, &ctx)
        case let .appended(term, length) where peer: try handleAppended(term: term, length: length, from: sender, &ctx)
        case let .behind(term, from) where peer && term == self.term:
            if case .leading(let matched, var next) = role {
                next[sender] = min(from, log.count)
                role = .leading(matched: matched, next: next)
            }
        case let .stale(term) where peer && term > self.term: try stepDown(to: term, &ctx)
        case .election where peer: try handleElection(from: sender, &ctx)
        case .alive where peer: try handleAlive(from: sender, &ctx)
        case let .claim(term, from) where peer: try handleClaim(term: term, from: from, by: sender, &ctx)
        case let .promise(term, normalTerm, length, commit, from, entries) where peer && term == self.term:
            try handlePromise(Promise(normalTerm: normalTerm, length: length, commit: commit, from: from, entries: entries), from: sender, &ctx)
        case let .refused(term, reason) where peer:
            ctx.log("\(sender) refused my claim of term \(term): \(reason)")
            try handleRefused(term: term, reason: reason, &ctx)
        default: ctx.log("ignoring \(message) from \(sender)")
        }
    }

    // MARK: Given machinery

    /// Follows `newTerm` (higher than ours) without a known leader: a leader or a claimant of an older term stops.
    mutating func stepDown(to newTerm: UInt64, _ ctx: inout MessagingContext) throws {
        term = newTerm
        persistTerms(&ctx)
        role = .follower
        leader = nil
        lastHeard = ctx.now
    }

    /// How many committed entries one event executes at most: a processor back from a crash re-executes its
    /// whole log, thousands of RSA operations, and must still answer its peers within `electionTimeout`; the
    /// rest waits for its next events (a heartbeat comes every 50 ms).
    static let executionBatch = 16

    /// Executes the committed entries not executed yet, in order, answering each one's client: at most
    /// ``executionBatch`` of them.
    mutating func executeCommitted(_ ctx: inout MessagingContext) throws {
        let last = min(commit, log.count, executedCount + Self.executionBatch)
        while executedCount < last {
            let entry = log[executedCount]
            executedCount += 1
            if let result = try execute(entry, sequence: executedCount) {
                ctx.send(.processing(.reply(id: entry.request.id, result: result)), to: entry.client)
            }
        }
    }

    /// Replaces the log from position `from` with `entries`, durably: the leading entries it already holds
    /// are not written again (a new leader's log mostly repeats ours, and each write goes to disk).
    mutating func replaceLog(from: Int, with entries: some Collection<LogEntry>, _ ctx: inout MessagingContext) {
        let old = log.count
        let kept = zip(log[min(from, old)...], entries).prefix { $0 == $1 }.count
        log.replaceSubrange(from..., with: entries)
        for position in (from + kept)..<max(old, log.count) {
            ctx.persist(position < log.count ? log[position].encoded() : nil, forKey: "log/\(position)")
        }
    }

    /// `promises` with `page` from `sender` taken in, or nil when it adds nothing: a first page starts at our
    /// commit (or where a shorter log ends), a later one of the same log where the last stopped; a copy or a
    /// late page adds nothing.
    func taking(_ page: Promise, from sender: NodeID, into promises: [NodeID: Promise]) -> [NodeID: Promise]? {
        var promises = promises
        if let heard = promises[sender] {
            guard page.normalTerm == heard.normalTerm, page.length == heard.length, page.from == heard.end, !page.entries.isEmpty else { return nil }
            promises[sender]?.entries += page.entries
        } else {
            guard page.from == min(commit, page.length) else { return nil }
            promises[sender] = page
        }
        return promises
    }

    /// Keeps ``term`` and ``normalTerm`` durably: a promise must outlive a crash, or one term could get two leaders.
    func persistTerms(_ ctx: inout MessagingContext) {
        ctx.persist(term.encoded(), forKey: "term")
        ctx.persist(normalTerm.encoded(), forKey: "normalTerm")
    }

    private mutating func loadLog(_ storage: [String: [UInt8]]) {
        term = storage["term"].flatMap { try? UInt64.decode($0) } ?? 0
        normalTerm = storage["normalTerm"].flatMap { try? UInt64.decode($0) } ?? 0
        log = []
        while let bytes = storage["log/\(log.count)"], let entry = try? LogEntry.decode(bytes) { log.append(entry) }
    }

    /// The entries from `from` on, at most as many as a message carries.
    func entries(from: Int) -> ArraySlice<LogEntry> {
        log[min(from, log.count)..<min(log.count, from + ProcessingMessage.maximumEntries)]
    }
}
