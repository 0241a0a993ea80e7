import VideoKit

/// A peer's tracker agent: keeps the peer registered with the tracker (JOIN, heartbeats, joining again when
/// the tracker forgot it), and runs the user's searches and announcements over a network that loses,
/// duplicates and reorders messages.
public struct PeerAgent: PeerAgentNode {
    /// The timer that sends JOIN again while no JOINED has arrived.
    static let joinRetry: TimerID = "join"
    /// The timer of the periodic heartbeat, every ttl / 3 while joined.
    static let heartbeat: TimerID = "heartbeat"
    /// The timer that sends search `requestID` again while its RESULTS have not arrived.
    static func searchRetry(_ requestID: UInt32) -> TimerID { TimerID("search", Int(requestID)) }

    /// Which tracker, which address and files to announce, how long to wait before asking again.
    public let config: PeerAgentConfig
    /// The files this peer shares: those it started with, then those announced since.
    var files: [SharedFile]
    /// The files announced since start. UPDATE has no answer, so they ride on every heartbeat.
    var announced: [SharedFile] = []
    /// Whether the tracker answered the latest JOIN (and has not said UNKNOWN-PEER since).
    var joined = false
    /// Whether the user asked to leave: no more JOIN, heartbeat or UPDATE.
    var left = false
    /// How often to send a heartbeat: a third of the ttl the tracker gave.
    var heartbeatInterval: Duration = .seconds(1)
    /// The request ID of the next search.
    var nextRequestID: UInt32 = 1
    /// The searches still waiting for their RESULTS: the text the user typed, by request ID.
    var pendingSearches: [UInt32: String] = [:]

    /// An agent that has not joined yet: it joins on start.
    public init(config: PeerAgentConfig) {
        self.config = config
        files = config.files
    }

    /// Picks a random first request ID, then joins.
    public mutating func start(_ ctx: inout VideoContext) throws {
        // A random first request ID, so that a RESULTS still in flight from before a restart answers nothing.
        nextRequestID = UInt32.random(in: 1...(UInt32.max / 2), using: &ctx.random)
        try join(&ctx)
    }

    /// Hands what the tracker says to `handle`; ignores any other sender.
    public mutating func receive(_ message: TrackerMessage, from sender: NodeID, _ ctx: inout VideoContext) throws {
        guard sender == config.tracker else {
            ctx.log("ignoring \(message) from \(sender): not the tracker")
            return
        }
        try handle(message, &ctx)
    }

    /// Exercise 2.2 — (re)join: send `JOIN config.address files` (the whole current list) to `config.tracker`
    /// and arm a retry: until JOINED arrives, the JOIN is sent again every `config.retry`.
    ///
    /// Tested by `video.2.2-join-and-heartbeat`: the first JOIN leaves on start, and tries are exactly
    /// `config.retry` apart until the tracker answers. Hint: `ctx.setTimer(Self.joinRetry, after: config.retry)`.
    mutating func join(_ ctx: inout VideoContext) throws {
        try Exercise.begin("2.2")
        joined = false
        ctx.send(.join(address: config.address, files: files), to: config.tracker)
        ctx.setTimer(Self.joinRetry, after: config.retry)
        // end exercise 2.2
    }

    /// Exercise 2.2 — react to a message from the tracker.
    ///
    /// - `JOINED ttl` while joining: stop retrying, report `.joined(ttl:)` and send a heartbeat every `ttl / 3`.
    ///   A JOINED while already joined (a duplicate) or after leaving changes nothing.
    /// - `UNKNOWN-PEER` while joined (the tracker expired us, or restarted): stop the heartbeats and join again.
    /// - `RESULTS id hits more` for a pending search: report `.results(query:hits:more:)` with the text the
    ///   user typed and stop retrying it. RESULTS for an unknown or already answered search (a duplicate) is ignored.
    /// - `REFUSED reason`: the tracker did not register a JOIN or UPDATE (a limit of `TrackerLimits`): log
    ///   the reason. A refused JOIN is retried as any unanswered JOIN is.
    ///
    /// Tested by `video.2.2-join-and-heartbeat`, `video.2.2-search-once-under-faults` and
    /// `video.2.2-rejoin-after-tracker-restart`: each search is reported exactly once, `.joined` once per (re)join.
    mutating func handle(_ message: TrackerMessage, _ ctx: inout VideoContext) throws {
        try Exercise.begin("2.2")
        switch message {
        case let .joined(ttl):
            guard !joined, !left else { return }
            joined = true
            heartbeatInterval = ttl / 3
            ctx.cancelTimer(Self.joinRetry)
            ctx.deliver(.joined(ttl: ttl))
            ctx.setTimer(Self.heartbeat, after: heartbeatInterval)
        case .unknownPeer:
            guard joined, !left else { return }
            ctx.log("the tracker forgot us: joining again")
            ctx.cancelTimer(Self.heartbeat)
            try join(&ctx)
        case let .results(requestID, hits, more):
            guard let query = pendingSearches.removeValue(forKey: requestID) else { return }
            ctx.cancelTimer(Self.searchRetry(requestID))
            ctx.deliver(.results(query: query, hits: hits, more: more))
        case let .refused(refusal):
            ctx.log("the tracker refused to register us: \(refusal)")
        case .join, .heartbeat, .update, .leave, .search:
            ctx.log("ignoring \(message): only the tracker receives it")
        }
        // end exercise 2.2
    }

    /// Exercise 2.2 — the timers.
    ///
    /// - `joinRetry` (still not joined): send the JOIN again.
    /// - `heartbeat` (joined): tell the tracker we are alive, then re-arm for `ttl / 3`. The tracker never
    ///   answers an UPDATE, so one can be lost unnoticed: while files were announced, send their UPDATEs
    ///   (which count as heartbeats too) instead of a HEARTBEAT.
    /// - `searchRetry(id)` (search `id` still pending): send the same SEARCH again and re-arm `config.retry`.
    ///
    /// Tested by `video.2.2-join-and-heartbeat` (heartbeats `ttl / 3` apart), `video.2.2-search-once-under-faults`
    /// (retries at least `config.retry` apart, none after the answer) and `video.2.2-announce-and-leave`.
    public mutating func timerFired(_ timer: TimerID, _ ctx: inout VideoContext) throws {
        try Exercise.begin("2.2")
        switch timer {
        case Self.joinRetry where !joined && !left:
            try join(&ctx)
        case Self.heartbeat where joined && !left:
            if announced.isEmpty {
                ctx.send(.heartbeat, to: config.tracker)
            } else {
                for file in announced { ctx.send(.update(file), to: config.tracker) }
            }
            ctx.setTimer(Self.heartbeat, after: heartbeatInterval)
        case let retry where retry.name == "search":
            let requestID = UInt32(retry.index)
            guard let text = pendingSearches[requestID] else { return }
            ctx.send(.search(requestID: requestID, text: text), to: config.tracker)
            ctx.setTimer(retry, after: config.retry)
        default:
            ctx.log("ignoring timer \(timer)")
        }
        // end exercise 2.2
    }

    /// Exercise 2.2 — what the user asks.
    ///
    /// - `.search(text)`: send `SEARCH id text` with a fresh request ID, remember it as pending, arm its retry.
    /// - `.announce(file)` (after a download): add the file to the shared list and, if joined, send `UPDATE file`.
    /// - `.leave`: send LEAVE once and stop joining and heartbeating for good.
    ///
    /// Tested by `video.2.2-search-once-under-faults`, `video.2.2-rejoin-after-tracker-restart` and
    /// `video.2.2-announce-and-leave`: every JOIN lists the announced files too; nothing but searches after LEAVE.
    public mutating func command(_ command: PeerCommand, _ ctx: inout VideoContext) throws {
        try Exercise.begin("2.2")
        switch command {
        case let .search(text):
            let requestID = nextRequestID
            nextRequestID &+= 1
            pendingSearches[requestID] = text
            ctx.send(.search(requestID: requestID, text: text), to: config.tracker)
            ctx.setTimer(Self.searchRetry(requestID), after: config.retry)
        case let .announce(file):
            if !files.contains(file) {
                files.append(file)
                announced.append(file)
            }
            if joined && !left { ctx.send(.update(file), to: config.tracker) }
        case .leave:
            guard !left else { return }
            left = true
            joined = false
            ctx.cancelTimer(Self.joinRetry)
            ctx.cancelTimer(Self.heartbeat)
            ctx.send(.leave, to: config.tracker)
        }
        // end exercise 2.2
    }
}
