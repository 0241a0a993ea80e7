import LabKit

// Tiny nodes for the simulator's tests: each does just enough to make one behaviour of the simulator visible.

/// What a ``Puppet`` reports: everything the simulator made it see.
enum Seen: Sendable, Equatable, CustomStringConvertible {
    /// `start` ran, with this durable storage visible.
    case started(storage: [String: [UInt8]])
    /// A message arrived.
    case received(UInt64, from: NodeID)
    /// A timer fired.
    case timer(TimerID)

    var description: String {
        switch self {
        case let .started(storage): "started with \(storage.keys.sorted())"
        case let .received(value, sender): "received \(value) from \(sender)"
        case let .timer(timer): "timer \(timer)"
        }
    }
}

/// The error a ``Puppet`` throws when told to fail.
struct PuppetError: Error, CustomStringConvertible {
    let description: String
}

/// A node that does what the test tells it through commands and reports everything that happens to it.
struct Puppet: NodeLogic {
    typealias Message = UInt64
    typealias Output = Seen

    enum Command: Sendable, CustomStringConvertible {
        /// Send each value, in order, to `peer`.
        case send([UInt64], to: NodeID)
        /// Arm each timer, in order, with the same delay.
        case setTimers([TimerID], after: Duration)
        case cancelTimer(TimerID)
        /// Throw a ``PuppetError`` with this description.
        case fail(String)
        /// Call the skeletons' `todo` for this exercise.
        case todo(String)

        var description: String {
            switch self {
            case let .send(values, peer): "send \(values.count) to \(peer)"
            case let .setTimers(timers, delay): "set \(timers) after \(delay)"
            case let .cancelTimer(timer): "cancel \(timer)"
            case let .fail(reason): "fail \(reason)"
            case let .todo(exercise): "todo \(exercise)"
            }
        }
    }

    /// Persist the last value received under `"last"`.
    var persistsReceived = false
    /// Throw instead of accepting this value.
    var refuses: UInt64?
    /// Every value received by this incarnation: memory, lost in a crash.
    private(set) var received: [UInt64] = []

    mutating func start(_ ctx: inout NodeContext<UInt64, Seen>) throws {
        ctx.deliver(.started(storage: ctx.storage))
    }

    mutating func receive(_ message: UInt64, from sender: NodeID, _ ctx: inout NodeContext<UInt64, Seen>) throws {
        if message == refuses { throw PuppetError(description: "refused \(message)") }
        received.append(message)
        ctx.deliver(.received(message, from: sender))
        if persistsReceived { ctx.persist(message.encoded(), forKey: "last") }
    }

    mutating func timerFired(_ timer: TimerID, _ ctx: inout NodeContext<UInt64, Seen>) throws {
        ctx.deliver(.timer(timer))
    }

    mutating func command(_ command: Command, _ ctx: inout NodeContext<UInt64, Seen>) throws {
        switch command {
        case let .send(values, peer): for value in values { ctx.send(value, to: peer) }
        case let .setTimers(timers, delay): for timer in timers { ctx.setTimer(timer, after: delay) }
        case let .cancelTimer(timer): ctx.cancelTimer(timer)
        case let .fail(reason): throw PuppetError(description: reason)
        case let .todo(exercise): try todo(exercise)
        }
    }
}

/// Counts what reaches it and reports nothing: a cheap receiver for runs of 100,000 messages.
struct Sink: NodeLogic {
    typealias Message = UInt64
    typealias Output = Seen
    private(set) var count = 0
    private(set) var copiesOf: [UInt64: Int] = [:]

    mutating func receive(_ message: UInt64, from sender: NodeID, _ ctx: inout NodeContext<UInt64, Seen>) {
        count += 1
        copiesOf[message, default: 0] += 1
    }
}

/// A message storm that never ends on its own: answers each message with two until 256 are in flight, then
/// with one. (Bounded growth keeps a broken event limit from eating all memory before the deadline.)
struct Storm: NodeLogic {
    typealias Message = UInt64
    typealias Output = Seen
    /// Whom to send the first message to, if anyone.
    var kick: NodeID?

    mutating func start(_ ctx: inout NodeContext<UInt64, Seen>) {
        if let kick { ctx.send(0, to: kick) }
    }

    mutating func receive(_ message: UInt64, from sender: NodeID, _ ctx: inout NodeContext<UInt64, Seen>) {
        ctx.send(message + 1, to: sender)
        if message < 8 { ctx.send(message + 1, to: sender) }
    }
}

/// The messages of ``Gossip``: a small enum with a hand-written codec, as a lab's contract has.
enum GossipMessage: WireCodable, Sendable, Equatable, CustomStringConvertible {
    /// Every rumor the sender knows, sorted.
    case rumors([UInt64])
    /// "I now know this many rumors."
    case ack(UInt32)

    func encode(to writer: inout WireWriter) {
        switch self {
        case let .rumors(list): writer.write(UInt8(1)); writer.write(list)
        case let .ack(count): writer.write(UInt8(2)); writer.write(count)
        }
    }

    init(from reader: inout WireReader) throws(WireError) {
        switch try reader.read(UInt8.self) {
        case 1: self = .rumors(try reader.read())
        case 2: self = .ack(try reader.read())
        case let tag: throw .unknownTag(type: "GossipMessage", tag: UInt64(tag))
        }
    }

    var description: String {
        switch self {
        case let .rumors(list): "rumors \(list)"
        case let .ack(count): "ack \(count)"
        }
    }
}

/// Spreads rumors to random peers at random intervals, drawing every choice from `ctx.random`, and reports
/// each rumor the first time it learns it. Knowledge is persisted, so a restarted node still knows it.
struct Gossip: NodeLogic {
    typealias Message = GossipMessage
    typealias Output = UInt64

    let peers: [NodeID]
    let rumor: UInt64
    var rounds = 12
    private var known: [UInt64] = []

    init(peers: [NodeID], rumor: UInt64) {
        self.peers = peers
        self.rumor = rumor
    }

    mutating func start(_ ctx: inout NodeContext<GossipMessage, UInt64>) {
        if let saved = ctx.storage["known"], let list = try? [UInt64].decode(saved) { known = list }
        learn([rumor], &ctx)
        ctx.setTimer("round", after: .milliseconds(Int.random(in: 1...20, using: &ctx.random)))
    }

    mutating func receive(_ message: GossipMessage, from sender: NodeID, _ ctx: inout NodeContext<GossipMessage, UInt64>) {
        switch message {
        case let .rumors(list):
            learn(list, &ctx)
            ctx.send(.ack(UInt32(known.count)), to: sender)
        case .ack:
            break
        }
    }

    mutating func timerFired(_ timer: TimerID, _ ctx: inout NodeContext<GossipMessage, UInt64>) {
        guard rounds > 0 else { return }
        rounds -= 1
        ctx.send(.rumors(known), to: peers.randomElement(using: &ctx.random)!)
        ctx.setTimer("round", after: .milliseconds(Int.random(in: 1...20, using: &ctx.random)))
    }

    private mutating func learn(_ rumors: [UInt64], _ ctx: inout NodeContext<GossipMessage, UInt64>) {
        var changed = false
        for rumor in rumors where !known.contains(rumor) {
            known.append(rumor)
            ctx.deliver(rumor)
            changed = true
        }
        if changed {
            known.sort()
            ctx.persist(known.encoded(), forKey: "known")
        }
    }
}

/// Writes blobs when told, and reports at every start the committed blobs its context shows.
struct Archivist: NodeLogic {
    typealias Message = UInt64
    typealias Output = [String]

    enum Command: Sendable, CustomStringConvertible {
        /// Append `bytes` to the blob `name`, then commit it (with their size and hash) when `commit` holds.
        case write(String, [UInt8], commit: Bool)

        var description: String {
            switch self {
            case let .write(name, bytes, commit): "write \(bytes.count) bytes to \(name)\(commit ? " and commit" : "")"
            }
        }
    }

    mutating func start(_ ctx: inout NodeContext<UInt64, [String]>) {
        ctx.deliver(ctx.blobs.names)
    }

    mutating func receive(_ message: UInt64, from sender: NodeID, _ ctx: inout NodeContext<UInt64, [String]>) {}

    mutating func command(_ command: Command, _ ctx: inout NodeContext<UInt64, [String]>) throws {
        switch command {
        case let .write(name, bytes, commit):
            try ctx.blobs.append(bytes, to: name)
            if commit { try ctx.blobs.commit(name, size: UInt64(bytes.count), sha256: SHA256.hash(bytes)) }
        }
    }
}
