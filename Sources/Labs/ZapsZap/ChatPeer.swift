import ZapsZapKit

/// A member of a zapszap group: a serverless, encrypted group chat over UDP. Every member keeps the whole
/// history, in the same total order as every other member, and repairs what the network lost by exchanging
/// digests of what it holds (anti-entropy).
///
/// Each datagram is sealed with ChaCha20-Poly1305 under the sender's key (`seal`, exercise 1.1); the node
/// refuses, counts and reports everything that does not open (`open`, exercise 2.1), or opens a second time.
public struct ChatPeer: ChatPeerNode {
    /// The timer that greets the configured peers again while none has answered.
    static let greetTimer: TimerID = "greet"
    /// The timer of the periodic anti-entropy round.
    static let syncTimer: TimerID = "sync"
    /// The timer of the periodic heartbeat and presence check.
    static let presenceTimer: TimerID = "presence"
    /// Where the epoch is stored.
    static let epochKey = "epoch"
    /// Every saved message is stored under a key starting with this.
    static let messageKeyPrefix = "message "

    /// The group key, the peers to greet, the timings.
    public let config: ZapConfig
    /// This start's boot number, part of every nonce (exercise 1.1).
    var epoch: UInt32 = 0
    /// The counter of the next datagram sealed in this epoch (exercise 1.1).
    var counter: UInt64 = 0
    /// What was accepted from each sender, to refuse replays (exercise 2.2).
    var windows: [NodeID: ReplayWindow] = [:]
    /// The Lamport clock (exercise 3.1).
    var clock = LamportClock()
    /// Every message held, in order (exercises 3.2 and 4.1).
    var history = ChatHistory()
    /// The members known from an authenticated source (heard from, or listed by one), by name; at most
    /// ``ZapLimits/maxMembers``, rumours giving way to members heard directly.
    var members: [NodeID: Member] = [:]
    /// Whether a configured peer answered a hello.
    var welcomed = false
    /// Whether the user left: the node then ignores everything.
    var left = false
    /// How many datagrams were refused since start, by reason.
    public internal(set) var rejections = DropCounts()

    /// A member that has not started yet.
    public init(config: ZapConfig) {
        self.config = config
    }

    public var orderedHistory: [ChatMessage] { history.entries }
    public var lamportTime: UInt64 { clock.time }
    public var rememberedCounters: Int { windows.values.reduce(0) { $0 + $1.seen.count } }

    /// Starts a new epoch, restores the saved history, greets the configured peers and arms the timers. Refuses
    /// to start on a stored epoch that leaves no new one (see `storedEpoch`).
    public mutating func start(_ ctx: inout ZapContext) throws {
        _ = try Self.storedEpoch(in: ctx.storage)
        try beginEpoch(&ctx)
        let saved = Self.savedMessages(in: ctx.storage, &ctx)
        if !saved.isEmpty { try restore(saved, &ctx) }
        if greetees(ctx.id).isEmpty {
            welcomed = true
        } else {
            try greet(&ctx)
        }
        ctx.setTimer(Self.syncTimer, after: jittered(config.syncInterval, &ctx.random))
        ctx.setTimer(Self.presenceTimer, after: config.presenceInterval)
    }

    /// Opens the datagram and refuses replays; drops, counts and reports what is refused; handles the rest, and
    /// vouches for its sender if it is the newest of that sender yet (the shell learns addresses only then).
    public mutating func receive(_ datagram: ZapDatagram, from sender: NodeID, _ ctx: inout ZapContext) throws {
        guard !left else { return }
        let header: DatagramHeader, payload: ZapPayload, newest: Bool
        do {
            (header, payload) = try Self.open(datagram, key: config.key)
            // This node never sends to itself: a datagram it sealed coming back is a replay.
            guard header.sender != ctx.id else { throw DropReason.replayed }
            newest = windows[header.sender].map { $0.isOlder(thanEpoch: header.epoch, counter: header.counter) } ?? true
            guard try windows[header.sender, default: ReplayWindow()].accept(epoch: header.epoch, counter: header.counter) else {
                throw DropReason.replayed
            }
        } catch let reason as DropReason {
            rejections[reason] += 1
            ctx.log("dropped a datagram from \(sender): \(reason)")
            ctx.deliver(.dropped(reason, from: sender))
            return
        }
        // Only now, authentic and no replay, may the datagram tell where its sender is; and only if it is the
        // sender's newest yet: a captured older one, replayed from elsewhere, must not move it.
        if newest { ctx.vouch(for: header.sender) }
        heard(header.sender, &ctx)
        try handle(payload, from: header.sender, &ctx)
    }

    /// Greets again, runs an anti-entropy round, or sends heartbeats, as the timer says.
    public mutating func timerFired(_ timer: TimerID, _ ctx: inout ZapContext) throws {
        guard !left else { return }
        switch timer {
        case Self.greetTimer where !welcomed:
            try greet(&ctx)
        case Self.syncTimer:
            try syncRound(&ctx)
            ctx.setTimer(Self.syncTimer, after: jittered(config.syncInterval, &ctx.random))
        case Self.presenceTimer:
            try presenceTick(&ctx)
            ctx.setTimer(Self.presenceTimer, after: config.presenceInterval)
        default:
            break
        }
    }

    /// Says, replies or leaves, as the user asks.
    public mutating func command(_ command: ZapCommand, _ ctx: inout ZapContext) throws {
        guard !left else {
            ctx.log("ignoring \(command): this member left the group")
            return
        }
        switch command {
        case let .say(text):
            try say(text, replyTo: nil, &ctx)
        case let .reply(to, text):
            guard history.contains(to) else {
                ctx.log("cannot reply to \(to): no such message here")
                return
            }
            try say(text, replyTo: to, &ctx)
        case .leave:
            try leave(&ctx)
        }
    }

    /// A delay drawn uniformly between half and one and a half times `mean`, so that members' rounds drift
    /// apart instead of all firing together.
    func jittered(_ mean: Duration, _ random: inout SeededRandom) -> Duration {
        let nanoseconds = max(mean.nanoseconds, 2)
        return .nanoseconds(Int64.random(in: nanoseconds / 2...nanoseconds / 2 * 3, using: &random))
    }
}
