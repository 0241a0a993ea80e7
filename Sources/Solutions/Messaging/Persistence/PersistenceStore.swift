import MessagingKit

/// A store of the persistence service: keeps every mailbox in full, and appends a client's ciphertext only
/// inside the critical section, which it enters with Ricart–Agrawala among the stores (steps 10 and 11).
///
/// Every event is handled here; the exercises are the rule that answers or defers a request
/// (`PersistenceStore+Requests.swift`), entering and leaving (`+CriticalSection`), entering without a
/// suspected store (`+FailureDetector`), and what a read may give (`+Clients`, step 12). Taking appends,
/// heartbeats, replication and catching up are given.
public struct PersistenceStore: PersistenceStoreNode {
    static let heartbeatTimer: TimerID = "heartbeat"
    static let tickTimer: TimerID = "tick"

    let config: StoreConfig
    public internal(set) var log = StoreLog()
    /// This store's Lamport clock.
    var clock: UInt64 = 0
    /// When this run started: for one lease after it, the store neither answers nor enters, so a permission
    /// it gave before a crash has run out before it acts again.
    var started: Duration = .zero
    /// When each peer was last heard from (any message).
    var lastHeard: [NodeID: Duration] = [:]
    /// The appends this store took that no majority is known to hold yet, first come first: each is appended
    /// (again, if a later holder's log dropped it) until it is.
    var pending: [StoreEntry] = []
    /// The head of the log's longest prefix known to be held by a majority: only an append in it is acknowledged.
    var committed = LogHead(length: 0, last: .none)
    /// The client to answer for each request this store took.
    var waiting: [StoreLog.RequestKey: NodeID] = [:]
    /// This store's request for the critical section, while it has one.
    var request: OwnRequest?
    /// The entry being copied while this store is inside the critical section.
    var inside: Inside?
    /// Requests answered only when this store leaves (Ricart–Agrawala's deferred replies), with the round to echo.
    var deferred: [NodeID: Asked] = [:]
    /// Requests that came while this store was quiet after starting.
    var quietDeferred: [NodeID: Asked] = [:]
    /// The last permission this store gave each store.
    var grants: [NodeID: Grant] = [:]
    /// The last permission some other store gave each store, as replies told (latest timestamp, latest end).
    var grantsSeen: [NodeID: Grant] = [:]
    /// The most up-to-date log a peer said it holds, and when this store last asked for it.
    var best: (head: LogHead, peer: NodeID)?
    var lastFetch: Duration?
    /// Since when the log has ended with entries no majority is known to hold, with no more of it known held.
    var unconfirmed: (since: Duration, committed: LogHead)?

    /// A request this store answers: the requester's timestamp and the round of the copy.
    struct Asked: Equatable, Sendable {
        var ts: UInt64
        var round: UInt64
    }

    /// A permission given: the timestamp of the request it answered, and until when its holder may use it.
    struct Grant: Sendable {
        var ts: UInt64
        var until: Duration

        /// The later of each: what two permissions given to one store say together.
        func merged(_ other: Grant?) -> Grant {
            guard let other else { return self }
            return Grant(ts: max(ts, other.ts), until: max(until, other.until))
        }
    }

    /// This store's own request for the critical section.
    struct OwnRequest: Sendable {
        var ts: UInt64
        var round: UInt64 = 0
        /// When each round was sent: a reply lets its holder in for one lease from then, at most.
        var roundStarted: [UInt64: Duration] = [:]
        /// Each peer's reply: the round it answered, and the head of the peer's log then.
        var replies: [NodeID: (round: UInt64, head: LogHead)] = [:]
    }

    /// The append in progress inside the critical section.
    struct Inside: Sendable {
        /// The head of the log the entry follows: the entry goes at `base.length`.
        var base: LogHead
        var entry: StoreEntry
        var acks: Set<NodeID>
        var deadline: Duration
        /// When the store entered: copies are sent again only after a retry interval.
        var entered: Duration
    }

    public init(config: StoreConfig) {
        self.config = config
    }

    public var inCriticalSection: Bool { inside != nil }

    var peers: [NodeID] { config.stores.filter { $0 != me } }
    var me: NodeID = ""

    public mutating func start(_ ctx: inout MessagingContext) throws {
        me = ctx.id
        log = StoreLog(storage: ctx.storage)
        started = ctx.now
        for peer in peers { lastHeard[peer] = ctx.now }
        ctx.setTimer(Self.heartbeatTimer, after: config.heartbeatInterval)
        ctx.setTimer(Self.tickTimer, after: config.retryInterval)
    }

    public mutating func receive(_ message: MessagingMessage, from sender: NodeID, _ ctx: inout MessagingContext) throws {
        guard case let .persistence(message) = message else { return }
        if config.stores.contains(sender), sender != me { lastHeard[sender] = ctx.now }
        switch message {
        case let .appendRequest(client, number, mailbox, bytes): try take(client: client, request: number, mailbox: mailbox, bytes: bytes, from: sender, &ctx)
        case let .read(number, mailbox, from): answerRead(number, mailbox: mailbox, from: from, entries: try readable(mailbox), to: sender, &ctx)
        case let .request(ts, round, head) where isPeer(sender):
            clock = max(clock, ts) + 1
            heard(head, from: sender)
            try answer(Asked(ts: ts, round: round), from: sender, &ctx)
        case let .reply(ts, round, head, notices) where isPeer(sender):
            guard request?.ts == ts else { return }
            request?.replies[sender] = (round, head)
            for notice in notices where notice.holder != me {
                grantsSeen[notice.holder] = Grant(ts: notice.ts, until: ctx.now + notice.remaining).merged(grantsSeen[notice.holder])
            }
            heard(head, from: sender)
            try tryToEnter(&ctx)
        case let .append(base, entry) where isPeer(sender): replicate(entry, after: base, from: sender, &ctx)
        case let .appendAck(position) where isPeer(sender):
            guard inside?.base.length == position else { return }
            inside?.acks.insert(sender)
            try settle(&ctx)
        case let .heartbeat(head, held) where isPeer(sender):
            heard(head, from: sender)
            commit(held, &ctx)
            catchUp(&ctx)
        case let .fetch(from) where isPeer(sender):
            let start = min(from, log.count), end = min(log.count, start + PersistenceLimits.standard.maxEntriesPerMessage)
            ctx.send(.persistence(.log(base: log.head(ofFirst: start), items: Array(log.entries[start..<end]))), to: sender)
        case let .log(base, items) where isPeer(sender):
            adopt(items, after: base, from: sender, &ctx)
            try tryToEnter(&ctx)
        default: ctx.log("unexpected \(message) from \(sender)")
        }
    }

    public mutating func timerFired(_ timer: TimerID, _ ctx: inout MessagingContext) throws {
        switch timer {
        case Self.heartbeatTimer:
            for peer in peers { ctx.send(.persistence(.heartbeat(head: log.head, committed: committed)), to: peer) }
            ctx.setTimer(Self.heartbeatTimer, after: config.heartbeatInterval)
        case Self.tickTimer:
            ctx.setTimer(Self.tickTimer, after: config.retryInterval)
            if !isQuiet(ctx) {
                for (peer, asked) in quietDeferred.sorted(by: { $0.key < $1.key }) { try answer(asked, from: peer, &ctx) }
                quietDeferred = [:]
            }
            if let inside, ctx.now >= inside.entered + config.retryInterval {
                for peer in peers where !inside.acks.contains(peer) && !suspects(peer, ctx) {
                    ctx.send(.persistence(.append(base: inside.base, entry: inside.entry)), to: peer)
                }
                try settle(&ctx)
            }
            if request != nil { askAgain(&ctx) }
            confirmTail(&ctx)
            catchUp(&ctx)
            try tryToEnter(&ctx)
        default: break
        }
    }

    func isPeer(_ node: NodeID) -> Bool { node != me && config.stores.contains(node) }

    /// Whether the log ends with entries no majority is known to hold.
    var hasUnconfirmedTail: Bool { log.count > 0 && (!log.matches(committed) || committed.length < log.count) }

    /// Asks for the critical section, to write the log's last entry again, when its tail has stayed unconfirmed,
    /// with no progress, for as long as it takes to suspect a store: the holder that wrote it may have died
    /// before it said a majority held it, and nothing else would ever say so (reads give only what is known
    /// held, step 12).
    mutating func confirmTail(_ ctx: inout MessagingContext) {
        guard hasUnconfirmedTail else { unconfirmed = nil; return }
        if unconfirmed?.committed != committed { unconfirmed = (ctx.now, committed) }
        if request == nil, pending.isEmpty, let unconfirmed, ctx.now >= unconfirmed.since + config.suspectAfter { ask(&ctx) }
    }

    func isQuiet(_ ctx: MessagingContext) -> Bool { ctx.now < started + config.lease }

    /// Whether this store's failure detector suspects `peer`: nothing heard from it for ``StoreConfig/suspectAfter``.
    func suspects(_ peer: NodeID, _ ctx: MessagingContext) -> Bool {
        ctx.now - (lastHeard[peer] ?? .zero) > config.suspectAfter
    }

    /// Sends the reply to `asked` from `peer`, noting the permission given (it may be used for one lease), with
    /// the last permission this store gave each other store.
    mutating func reply(to asked: Asked, of peer: NodeID, _ ctx: inout MessagingContext) {
        grants[peer] = Grant(ts: asked.ts, until: ctx.now + config.lease)
        let notices = grants.filter { $0.key != peer }.sorted { $0.key < $1.key }
            .map { GrantNotice(holder: $0.key, ts: $0.value.ts, remaining: $0.value.until - ctx.now) }
        ctx.send(.persistence(.reply(ts: asked.ts, round: asked.round, head: log.head, grants: notices)), to: peer)
    }

    /// Every permission known to be given to one of `stores` (by this store or, as replies told, by another):
    /// the latest timestamp and the latest end among them.
    func lastGrant(to stores: [NodeID]) -> Grant {
        stores.reduce(Grant(ts: 0, until: .zero)) { $0.merged(grants[$1]).merged(grantsSeen[$1]) }
    }

    /// Answers `asked` from `peer` now or later: quiet after a start, deferred by the Ricart–Agrawala rule.
    mutating func answer(_ asked: Asked, from peer: NodeID, _ ctx: inout MessagingContext) throws {
        if isQuiet(ctx) { quietDeferred[peer] = asked; return }
        if try shouldDefer(asked, from: peer) { deferred[peer] = asked } else { reply(to: asked, of: peer, &ctx) }
    }
}
