/// A client of the persistence service (given): appends ciphertexts and reads mailboxes, one request at a
/// time, asking the stores in turn until one answers, and retrying with the same request number so that no
/// append happens twice. Bob and Alice drive the service through it, and graders through its commands.
public struct PersistenceClient: NodeLogic {
    /// What a user asks of the client.
    public enum Command: Sendable, CustomStringConvertible {
        /// Append `bytes` to `mailbox`.
        case append(mailbox: String, bytes: [UInt8])
        /// Read `mailbox` from index `from`.
        case read(mailbox: String, from: Int)

        public var description: String {
            switch self {
            case let .append(mailbox, bytes): "append \(bytes.count) B to \(mailbox)"
            case let .read(mailbox, from): "read \(mailbox) from \(from)"
            }
        }
    }

    static let retryTimer: TimerID = "store-retry"

    let stores: [NodeID]
    let clientID: UInt64
    let retryAfter: Duration
    var queue: [Command] = []
    var nextRequest: UInt64 = 1
    var current: (request: UInt64, command: Command)?
    var target = 0

    /// A client that talks to `stores` (first the one at `first`), as client `clientID`.
    public init(stores: [NodeID], clientID: UInt64, first: Int = 0, retryAfter: Duration = .milliseconds(400)) {
        self.stores = stores
        self.clientID = clientID
        self.retryAfter = retryAfter
        target = first % max(stores.count, 1)
    }

    public mutating func command(_ command: Command, _ ctx: inout MessagingContext) {
        queue.append(command)
        sendNext(&ctx)
    }

    public mutating func receive(_ message: MessagingMessage, from sender: NodeID, _ ctx: inout MessagingContext) {
        guard case let .persistence(message) = message, let current else { return }
        switch message {
        case let .appended(request) where request == current.request:
            finish(.appended(request: request), &ctx)
        case let .refused(request, reason) where request == current.request:
            finish(.refused(request: request, reason: reason), &ctx)
        case let .entries(request, mailbox, from, _, items) where request == current.request:
            finish(.read(mailbox: mailbox, from: from, items: items, store: sender), &ctx)
        default: break
        }
    }

    public mutating func timerFired(_ timer: TimerID, _ ctx: inout MessagingContext) {
        guard timer == Self.retryTimer, current != nil else { return }
        target = (target + 1) % stores.count
        transmit(&ctx)
    }

    private mutating func finish(_ event: PersistenceEvent, _ ctx: inout MessagingContext) {
        current = nil
        ctx.cancelTimer(Self.retryTimer)
        ctx.deliver(.persistence(event))
        sendNext(&ctx)
    }

    private mutating func sendNext(_ ctx: inout MessagingContext) {
        guard current == nil, !queue.isEmpty else { return }
        current = (nextRequest, queue.removeFirst())
        nextRequest += 1
        transmit(&ctx)
    }

    private mutating func transmit(_ ctx: inout MessagingContext) {
        guard let current else { return }
        switch current.command {
        case let .append(mailbox, bytes):
            ctx.send(.persistence(.appendRequest(client: clientID, request: current.request, mailbox: mailbox, bytes: bytes)), to: stores[target])
        case let .read(mailbox, from):
            ctx.send(.persistence(.read(request: current.request, mailbox: mailbox, from: from)), to: stores[target])
        }
        ctx.setTimer(Self.retryTimer, after: retryAfter)
    }
}
