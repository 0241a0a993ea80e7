import PingKit

/// The ping client: sends `config.count` pings one at a time, retries each on timeout, and reports every
/// ping's round-trip time (or that it gave up).
public struct PingClient: PingClientNode {
    /// The timer that fires when a try got no pong in time.
    static let timeout: TimerID = "timeout"
    /// The timer that starts the next ping after `config.interval`.
    static let next: TimerID = "next"

    public let config: PingClientConfig
    /// The ping in progress, numbered from 1 (0 before the first).
    var seq: UInt32 = 0
    /// How many tries of `seq` were sent so far.
    var attempt: UInt32 = 0
    /// When each try of `seq` was sent, by attempt number.
    var sentAt: [UInt32: Duration] = [:]
    /// Whether `seq` still waits for its pong.
    var waiting = false

    public init(config: PingClientConfig) {
        self.config = config
    }

    public mutating func start(_ ctx: inout PingContext) throws {
        try sendNextPing(&ctx)
    }

    /// Exercise 2.1 — start the next ping, if any remain: move `seq` on, send its first try
    /// (`PING seq/1`) to `config.server`, note when it left, and arm the timeout.
    ///
    /// Tested by `ping.2.1-first-ping`: the server sees `PING 1/1` as soon as the client starts, and a timer
    /// is armed for `config.timeout`. Hint: `ctx.setTimer(Self.timeout, after: config.timeout)`.
    mutating func sendNextPing(_ ctx: inout PingContext) throws {
        try Exercise.begin("2.1")
        guard seq < config.count else { return }
        seq += 1
        attempt = 1
        sentAt = [1: ctx.now]
        waiting = true
        ctx.send(.ping(seq: seq, attempt: attempt), to: config.server)
        ctx.setTimer(Self.timeout, after: config.timeout)
        // end exercise 2.1
    }

    /// Exercise 2.2 — when the timeout fires, send the next try of the same ping (`PING seq/attempt+1`) and
    /// re-arm the timeout; after `config.maxAttempts` tries, report `.gaveUp` and move on after
    /// `config.interval`. When the `next` timer fires, start the next ping.
    ///
    /// Tested by `ping.2.2-retry-silent-server`, `ping.2.2-retry-under-loss` and `ping.2.2-server-restart`:
    /// tries are exactly `config.timeout` apart, a ping is abandoned only after `config.maxAttempts` tries.
    public mutating func timerFired(_ timer: TimerID, _ ctx: inout PingContext) throws {
        try Exercise.begin("2.2")
        switch timer {
        case Self.timeout where waiting:
            if attempt < config.maxAttempts {
                ctx.log("no PONG for ping \(seq) after \(config.timeout): trying again")
                attempt += 1
                sentAt[attempt] = ctx.now
                ctx.send(.ping(seq: seq, attempt: attempt), to: config.server)
                ctx.setTimer(Self.timeout, after: config.timeout)
            } else {
                waiting = false
                ctx.deliver(.gaveUp(seq: seq, attempts: attempt))
                ctx.setTimer(Self.next, after: config.interval)
            }
        case Self.next:
            try sendNextPing(&ctx)
        default:
            ctx.log("ignoring timer \(timer)")
        }
        // end exercise 2.2
    }

    public mutating func receive(_ message: PingMessage, from sender: NodeID, _ ctx: inout PingContext) throws {
        guard case let .pong(seq, attempt) = message, sender == config.server else {
            ctx.log("ignoring \(message) from \(sender)")
            return
        }
        try handlePong(seq: seq, attempt: attempt, &ctx)
    }

    /// Exercise 3.1 — a PONG arrived: if it answers the ping in progress, report `.reply` with the round trip
    /// of the try it answers (now minus when *that* attempt left), stop the timeout and start the next ping
    /// after `config.interval`. Ignore a PONG for an earlier ping or one that arrives after the ping was
    /// answered or abandoned (the network duplicates and delays).
    ///
    /// Tested by `ping.3.1-rtt` and `ping.3.1-live-udp`. Hint: with retries, the pong may answer an older try.
    mutating func handlePong(seq pongSeq: UInt32, attempt pongAttempt: UInt32, _ ctx: inout PingContext) throws {
        try Exercise.begin("3.1")
        guard waiting, pongSeq == seq, let sent = sentAt[pongAttempt] else {
            ctx.log("ignoring stale PONG \(pongSeq)/\(pongAttempt)")
            return
        }
        waiting = false
        ctx.cancelTimer(Self.timeout)
        ctx.deliver(.reply(seq: seq, attempt: pongAttempt, rtt: ctx.now - sent))
        ctx.setTimer(Self.next, after: config.interval)
        // end exercise 3.1
    }
}
