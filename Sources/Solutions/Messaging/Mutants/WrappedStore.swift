import MessagingKit

/// A mutant store: the reference store with one flaw at its edge, a message it changes on the way in or a
/// message it adds on the way out, so the flaw is the only difference.
public protocol WrappedStore: PersistenceStoreNode {
    var store: PersistenceStore { get set }
    /// The message the reference receives instead of `message` from `sender`.
    func incoming(_ message: PersistenceMessage, from sender: NodeID) -> PersistenceMessage
    /// Effects added after the reference handled `message` from `sender`.
    func extra(after message: PersistenceMessage, from sender: NodeID, _ ctx: inout MessagingContext)
}

extension WrappedStore {
    public var inCriticalSection: Bool { store.inCriticalSection }
    public var log: StoreLog { store.log }
    public func incoming(_ message: PersistenceMessage, from sender: NodeID) -> PersistenceMessage { message }
    public func extra(after message: PersistenceMessage, from sender: NodeID, _ ctx: inout MessagingContext) {}

    public mutating func start(_ ctx: inout MessagingContext) throws { try store.start(&ctx) }
    public mutating func timerFired(_ timer: TimerID, _ ctx: inout MessagingContext) throws { try store.timerFired(timer, &ctx) }
    public mutating func receive(_ message: MessagingMessage, from sender: NodeID, _ ctx: inout MessagingContext) throws {
        guard case let .persistence(message) = message else { return }
        try store.receive(.persistence(incoming(message, from: sender)), from: sender, &ctx)
        extra(after: message, from: sender, &ctx)
    }
}

/// Mutant: answers a request even while inside the critical section. Caught by `messaging.10.1-mutual-exclusion`.
public struct AnswersInsideStore: WrappedStore {
    public var store: PersistenceStore
    public init(config: StoreConfig) { store = PersistenceStore(config: config) }
    public func extra(after message: PersistenceMessage, from sender: NodeID, _ ctx: inout MessagingContext) {
        guard case let .request(ts, round, _) = message, store.inCriticalSection else { return }
        ctx.send(.persistence(.reply(ts: ts, round: round, head: store.log.head, grants: [])), to: sender)  // the bug
    }
}

/// Mutant: orders requests without timestamps (every request seems older than its own), so two requesters
/// let each other in. Caught by `messaging.10.1-mutual-exclusion`.
public struct TimelessStore: WrappedStore {
    public var store: PersistenceStore
    public init(config: StoreConfig) { store = PersistenceStore(config: config) }
    public func incoming(_ message: PersistenceMessage, from sender: NodeID) -> PersistenceMessage {
        guard case let .request(_, round, head) = message else { return message }
        return .request(ts: 0, round: round, head: head)  // the bug
    }
}

/// Mutant: never suspects anyone (it believes every peer just spoke), so a crashed store blocks every entry.
/// Caught by `messaging.11.1-crash`.
public struct TrustingStore: WrappedStore {
    public var store: PersistenceStore
    public init(config: StoreConfig) { store = PersistenceStore(config: config) }
    public mutating func timerFired(_ timer: TimerID, _ ctx: inout MessagingContext) throws {
        for peer in store.peers { try store.receive(.persistence(.heartbeat(head: LogHead(length: 0, last: .none), committed: LogHead(length: 0, last: .none))), from: peer, &ctx) }  // the bug
        try store.timerFired(timer, &ctx)
    }
}

/// Mutant: sends every request twice. Caught by `messaging.10.2-costs`.
public struct ChattyStore: WrappedStore {
    public var store: PersistenceStore
    public init(config: StoreConfig) { store = PersistenceStore(config: config) }
    public func extra(after message: PersistenceMessage, from sender: NodeID, _ ctx: inout MessagingContext) {
        guard case .appendRequest = message, let own = store.request else { return }
        ctx.send(.persistence(.request(ts: own.ts, round: own.round, head: store.log.head)), to: store.peers[0])  // the bug
    }
}

/// Mutant: takes a suspected store for a crashed one and counts it as having answered, with no majority and no
/// wait for its permissions to run out. Caught by `messaging.11.1-partition`.
public struct CrashOnlyStore: WrappedStore {
    public var store: PersistenceStore
    public init(config: StoreConfig) { store = PersistenceStore(config: config) }
    public mutating func timerFired(_ timer: TimerID, _ ctx: inout MessagingContext) throws {
        if let own = store.request {
            for peer in store.peers where store.suspects(peer, ctx) {  // the bug
                try store.receive(.persistence(.reply(ts: own.ts, round: own.round, head: LogHead(length: 0, last: .none), grants: [])), from: peer, &ctx)
            }
        }
        try store.timerFired(timer, &ctx)
    }
}
