import VideoKit

/// The tracker: remembers which peers share which files, answers a search with the live holders of every
/// matching file, and forgets peers that fall silent. It never touches the bytes of a file.
public struct Tracker: TrackerNode {
    /// What the tracker knows about one registered peer.
    struct Registration: Equatable {
        /// Where the peer's chunk server listens (`HOST:PORT`).
        var address: String
        /// The files the peer shares.
        var files: [SharedFile]
        /// When the tracker last heard from the peer (any message counts).
        var lastHeard: Duration
    }

    /// The timer of the periodic sweep that forgets expired peers.
    static let sweep: TimerID = "sweep"

    /// How this tracker behaves: the ttl it gives peers.
    public let config: TrackerConfig
    /// Every registered peer, by name.
    var peers: [NodeID: Registration] = [:]

    /// How often the sweep runs: a silent peer is forgotten at most `ttl + sweepPeriod` after it was last heard.
    var sweepPeriod: Duration { config.ttl / 2 }

    /// A tracker with an empty registry.
    public init(config: TrackerConfig) {
        self.config = config
    }

    /// Arms the first sweep (a restarted tracker starts empty).
    public mutating func start(_ ctx: inout VideoContext) {
        ctx.setTimer(Self.sweep, after: sweepPeriod)
    }

    /// Keeps the registry up to date with every message, then answers a SEARCH. The limits are kept here,
    /// not in the exercises: a JOIN or UPDATE beyond `TrackerLimits` is answered `REFUSED` and reaches the
    /// registry only as a heartbeat of a registered peer, and every answer is capped
    /// (`TrackerMessage.results(requestID:capping:)`).
    public mutating func receive(_ message: TrackerMessage, from sender: NodeID, _ ctx: inout VideoContext) throws {
        if let refusal = refusal(of: message, from: sender) {
            // Answered, never logged: a flood of refused messages must not become a flood of log lines.
            if peers[sender] != nil { try updateRegistry(with: .heartbeat, from: sender, &ctx) }
            ctx.send(.refused(refusal), to: sender)
            return
        }
        try updateRegistry(with: message, from: sender, &ctx)
        switch message {
        case let .search(requestID, text):
            ctx.send(.results(requestID: requestID, capping: try search(text, at: ctx.now)), to: sender)
        case .joined, .results, .unknownPeer, .refused:
            ctx.log("ignoring \(message) from \(sender): only peers receive it")
        case .join, .heartbeat, .update, .leave:
            break
        }
    }

    /// Runs the sweep, then arms the next one.
    public mutating func timerFired(_ timer: TimerID, _ ctx: inout VideoContext) throws {
        guard timer == Self.sweep else {
            ctx.log("ignoring timer \(timer)")
            return
        }
        try forgetExpiredPeers(&ctx)
        ctx.setTimer(Self.sweep, after: sweepPeriod)
    }

    /// Exercise 1.1 — keep the registry up to date with `message` from `sender` (called for every message).
    ///
    /// - Any message from a registered peer (a SEARCH too) refreshes its `lastHeard` to `ctx.now`.
    /// - `JOIN address files` registers `sender`, or replaces its address and whole file list if it was
    ///   registered, and answers `JOINED ttl` with `config.ttl`. Every copy of a duplicated JOIN gets its answer.
    /// - `HEARTBEAT` from a registered peer needs no answer; `UPDATE file` adds `file` to its list (unless it is
    ///   already there). From a peer that is not registered, both are answered `UNKNOWN-PEER` and change nothing.
    /// - `LEAVE` forgets `sender` (no answer, even if it was not registered). Other messages change nothing else.
    /// - A JOIN or UPDATE beyond `TrackerLimits` never reaches this method: `receive` refuses it first.
    ///
    /// Tested by `video.1.1-join-leave` and `video.1.1-registry-under-faults`: every message the tracker
    /// receives gets exactly the answers above, to its sender, and nothing else — with duplicates, reordering,
    /// loss and a tracker restart (which empties the registry). Hint: `peers[sender] = nil` forgets a peer.
    mutating func updateRegistry(with message: TrackerMessage, from sender: NodeID, _ ctx: inout VideoContext) throws {
        try todo("1.1")
    }

    /// Exercise 1.2 — the answer to a search for `text` at time `now`: every shared file whose name contains
    /// `text`, ignoring case (an empty text matches every file), with the peers that hold it.
    ///
    /// - One hit per distinct file, that is per (name, content ID); its holders are the peers listing it, each
    ///   once, as `PeerContact(peer:address:)`, sorted. The hit's `file` is as the first of
    ///   those sorted holders lists it.
    /// - Hits are sorted by name, then by content ID. A file nobody holds is not listed.
    /// - Only live peers hold files: use `isLive(_:at:)` once you have written it (exercise 2.1); until then
    ///   every registered peer counts, and step 1's scenarios never leave a peer silent for long.
    /// - Return every hit: `receive` caps the answer (`TrackerLimits`) and says there is more.
    ///
    /// Tested by `video.1.2-search-exact` (exact answers at chosen times: case, grouping, order, JOIN replacing
    /// a list, UPDATE after a download, LEAVE) and `video.1.2-search-under-faults`.
    /// Hint: `String.localizedStandardContains` is not on Linux; lowercase both sides.
    func search(_ text: String, at now: Duration) throws -> [SearchHit] {
        try todo("1.2")
    }

    /// Exercise 2.1 — whether `peer` is still alive at `now`: the tracker heard from it at most `config.ttl` ago.
    /// Then make `search` (exercise 1.2) list only the holders for which it holds.
    ///
    /// Tested by `video.2.1-expiry-timing` and `video.2.1-expiry-under-faults`: a peer silent for longer than
    /// the ttl is missing from every search result, and is listed again once it speaks while still registered
    /// or joins again. Peers that only send UPDATEs or SEARCHes stay alive too.
    func isLive(_ peer: Registration, at now: Duration) throws -> Bool {
        try todo("2.1")
    }

    /// Exercise 2.1 — the sweep, every `sweepPeriod`: forget every peer that is no longer live, so that its
    /// next HEARTBEAT or UPDATE is answered `UNKNOWN-PEER` and it joins again.
    ///
    /// Tested by `video.2.1-expiry-timing` and `video.2.1-expiry-under-faults`: a peer silent for longer than
    /// `ttl + sweepPeriod` is unknown; one heard within the ttl is never forgotten. Hint: `peers.filter`.
    mutating func forgetExpiredPeers(_ ctx: inout VideoContext) throws {
        try todo("2.1")
    }

    /// Why `message` from `sender` must not reach the registry — it would hold more than `TrackerLimits`
    /// allows — or `nil`. An UPDATE of a file the peer already lists adds nothing and is never refused.
    func refusal(of message: TrackerMessage, from sender: NodeID) -> TrackerRefusal? {
        let listed = peers[sender]?.files ?? []
        let growth: Int
        switch message {
        case let .join(_, files):
            if peers[sender] == nil && peers.count >= TrackerLimits.peers { return Self.full }
            growth = files.count - listed.count
        case let .update(file) where peers[sender] != nil && !listed.contains(file):
            if listed.count >= TrackerLimits.filesPerPeer { return .tooManyFiles(limit: UInt32(TrackerLimits.filesPerPeer)) }
            growth = 1
        default:
            return nil
        }
        guard growth > 0 else { return nil }
        let registered = peers.values.reduce(0) { $0 + $1.files.count }
        return registered + growth > TrackerLimits.files ? Self.full : nil
    }

    /// The refusal of a full registry.
    static let full = TrackerRefusal.registryFull(peers: UInt32(TrackerLimits.peers), files: UInt32(TrackerLimits.files))

    /// What makes two shared files the same file in search results.
    struct FileKey: Hashable, Comparable {
        var name: String
        var contentID: ContentID

        static func < (lhs: FileKey, rhs: FileKey) -> Bool { (lhs.name, lhs.contentID) < (rhs.name, rhs.contentID) }
    }
}
