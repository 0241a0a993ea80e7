/// A store's log: every append in the one order all stores agree on, kept durably in `ctx.storage` (one key
/// per entry, written before the store says it holds it), so a restarted store reloads what it persisted.
///
/// Mailboxes are views of the log: `mailbox("alice")` is every entry for alice, in log order.
public struct StoreLog: Sendable, Equatable {
    /// The entries, position 0 first.
    public private(set) var entries: [StoreEntry] = []
    /// Where each (client, request) sits: a retry is found, never appended again.
    private var positions: [RequestKey: Int] = [:]
    /// The node each client id belongs to.
    private var owners: [UInt64: NodeID] = [:]

    /// A client's request, as the log indexes it.
    public struct RequestKey: Hashable, Sendable {
        public var client: UInt64
        public var request: UInt64
        public init(client: UInt64, request: UInt64) {
            self.client = client
            self.request = request
        }
    }

    public init() {}

    /// The log persisted in `storage` (entries `entry.0`, `entry.1`, … up to the first missing one).
    public init(storage: [String: [UInt8]]) {
        while let bytes = storage[Self.key(entries.count)], let entry = try? StoreEntry.decode(bytes) {
            note(entry, at: entries.count)
            entries.append(entry)
        }
    }

    /// The log's length and last ballot, as a store tells its peers.
    public var head: LogHead { head(ofFirst: entries.count) }

    /// The head of the log's first `length` entries: what a copy of the entry at `length` must follow.
    public func head(ofFirst length: Int) -> LogHead {
        LogHead(length: length, last: length == 0 ? .none : entries[length - 1].ballot)
    }

    /// Whether this log's first `head.length` entries end as `head` says: then they are the same entries.
    public func matches(_ head: LogHead) -> Bool {
        head.length <= entries.count && self.head(ofFirst: head.length) == head
    }

    /// How many entries the log holds.
    public var count: Int { entries.count }

    /// Where `key` was appended, if it was.
    public func position(of key: RequestKey) -> Int? { positions[key] }

    /// The node that owns `client`, once one of its requests is in the log.
    public func owner(of client: UInt64) -> NodeID? { owners[client] }

    /// The ciphertexts of `mailbox`, in log order.
    public func mailbox(_ name: String) -> [[UInt8]] { entries.filter { $0.mailbox == name }.map(\.bytes) }

    /// The names of every mailbox that has an entry.
    public var mailboxes: Set<String> { Set(entries.map(\.mailbox)) }

    /// Appends `entry` at the end and persists it: the caller says it holds the entry only after this.
    public mutating func append<Message, Output>(_ entry: StoreEntry, _ ctx: inout NodeContext<Message, Output>) {
        note(entry, at: entries.count)
        ctx.persist(entry.encoded(), forKey: Self.key(entries.count))
        entries.append(entry)
    }

    /// Drops the entries from `position` on (a tail no majority held, replaced by a later holder's), durably.
    public mutating func truncate<Message, Output>(to position: Int, _ ctx: inout NodeContext<Message, Output>) {
        guard position < entries.count else { return }
        for index in position..<entries.count { ctx.persist(nil, forKey: Self.key(index)) }
        entries.removeSubrange(position...)
        positions = [:]
        owners = [:]
        for (index, entry) in entries.enumerated() { note(entry, at: index) }
    }

    /// The storage key of the entry at `position`.
    public static func key(_ position: Int) -> String { "entry.\(position)" }

    private mutating func note(_ entry: StoreEntry, at position: Int) {
        positions[RequestKey(client: entry.client, request: entry.request)] = position
        if owners[entry.client] == nil { owners[entry.client] = entry.sender }
    }
}

extension StoreEntry {
    /// The request this entry answers.
    public var key: StoreLog.RequestKey { StoreLog.RequestKey(client: client, request: request) }
}
