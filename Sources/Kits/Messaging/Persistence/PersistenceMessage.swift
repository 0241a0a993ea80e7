/// The persistence service's protocol: clients (Bob, Alice) and stores, and the stores among themselves.
///
/// A client names each append by its `client` id and a `request` number it chooses, so a retry (to the same
/// store or another) never appends twice. Stores order appends with Ricart–Agrawala: `request` and `reply`
/// carry the requester's Lamport timestamp `ts` and the `round` of the copy answered; the holder of the
/// critical section copies its entry to every store with `append`, after the head of the log it follows, so a
/// store whose log differs brings it in line first. Every count and length is bounded on decode.
public enum PersistenceMessage: Equatable, Sendable, CustomStringConvertible, WireCodable {
    // Client to store.
    /// Append `bytes` (a ciphertext) to `mailbox`, as `client`'s request number `request`.
    case appendRequest(client: UInt64, request: UInt64, mailbox: String, bytes: [UInt8])
    /// Send me the entries of `mailbox` from index `from` (0 is its first).
    case read(request: UInt64, mailbox: String, from: Int)

    // Store to client.
    /// `client`'s request `request` is appended, durably on a majority of the stores.
    case appended(request: UInt64)
    /// The request was refused, for `reason`; nothing was appended.
    case refused(request: UInt64, reason: PersistenceRefusal)
    /// Entries of `mailbox` from index `from` (at most ``PersistenceLimits/maxEntriesPerMessage``); `total` are held.
    case entries(request: UInt64, mailbox: String, from: Int, total: Int, items: [[UInt8]])

    // Store to store: Ricart–Agrawala.
    /// May I enter the critical section? My request's timestamp `ts`, the copy's `round`, my log's `head`.
    case request(ts: UInt64, round: UInt64, head: LogHead)
    /// Yes, for your request `ts` (copy `round`); my log's `head`; the grants I gave others that may still be used.
    case reply(ts: UInt64, round: UInt64, head: LogHead, grants: [GrantNotice])

    // Store to store: replication.
    /// Keep `entry` right after the first `base.length` entries of your log, which must end as `base` says
    /// (sent by the critical section's holder).
    case append(base: LogHead, entry: StoreEntry)
    /// `position` of my log is durable.
    case appendAck(position: Int)
    /// I am alive; my log's `head`, and the head of its longest prefix I know a majority holds (`committed`).
    case heartbeat(head: LogHead, committed: LogHead)
    /// Send me your log's entries from `from`.
    case fetch(from: Int)
    /// Entries of my log after its first `base.length` entries, which end as `base` says.
    case log(base: LogHead, items: [StoreEntry])

    public var description: String {
        switch self {
        case let .appendRequest(client, request, mailbox, bytes): "APPEND c\(client)#\(request) \(mailbox.escapingControlCharacters) \(bytes.count) B"
        case let .read(request, mailbox, from): "READ #\(request) \(mailbox.escapingControlCharacters) from \(from)"
        case let .appended(request): "APPENDED #\(request)"
        case let .refused(request, reason): "REFUSED #\(request) \(reason)"
        case let .entries(request, mailbox, from, total, items): "ENTRIES #\(request) \(mailbox.escapingControlCharacters) [\(from)..<\(from + items.count)] of \(total)"
        case let .request(ts, round, head): "REQUEST ts=\(ts) r\(round) head=\(head)"
        case let .reply(ts, round, head, grants): "REPLY ts=\(ts) r\(round) head=\(head) grants=\(grants.count)"
        case let .append(base, entry): "REPLICATE @\(base.length) after \(base.last) \(entry)"
        case let .appendAck(position): "REPLICATED @\(position)"
        case let .heartbeat(head, committed): "HEARTBEAT head=\(head) committed=\(committed)"
        case let .fetch(from): "FETCH from \(from)"
        case let .log(base, items): "LOG [\(base.length)..<\(base.length + items.count)] after \(base.last)"
        }
    }

    public func encode(to writer: inout WireWriter) {
        switch self {
        case let .appendRequest(client, request, mailbox, bytes):
            writer.write(UInt8(1)); writer.write(client); writer.write(request); writer.write(mailbox); writer.writeBytes(bytes)
        case let .read(request, mailbox, from): writer.write(UInt8(2)); writer.write(request); writer.write(mailbox); writer.write(from)
        case let .appended(request): writer.write(UInt8(3)); writer.write(request)
        case let .refused(request, reason): writer.write(UInt8(4)); writer.write(request); writer.write(reason)
        case let .entries(request, mailbox, from, total, items):
            writer.write(UInt8(5)); writer.write(request); writer.write(mailbox); writer.write(from); writer.write(total)
            writer.writeVarint(UInt64(items.count)); for item in items { writer.writeBytes(item) }
        case let .request(ts, round, head): writer.write(UInt8(6)); writer.write(ts); writer.write(round); writer.write(head)
        case let .reply(ts, round, head, grants): writer.write(UInt8(7)); writer.write(ts); writer.write(round); writer.write(head); writer.write(grants)
        case let .append(base, entry): writer.write(UInt8(8)); writer.write(base); writer.write(entry)
        case let .appendAck(position): writer.write(UInt8(9)); writer.write(position)
        case let .heartbeat(head, committed): writer.write(UInt8(10)); writer.write(head); writer.write(committed)
        case let .fetch(from): writer.write(UInt8(11)); writer.write(from)
        case let .log(base, items): writer.write(UInt8(12)); writer.write(base); writer.write(items)
        }
    }

    public init(from reader: inout WireReader) throws(WireError) {
        let limits = PersistenceLimits.standard
        switch try reader.read(UInt8.self) {
        case 1:
            self = .appendRequest(client: try reader.read(), request: try reader.read(), mailbox: try Self.mailbox(&reader),
                                  bytes: try Self.bytes(&reader, limit: limits.maxEntryBytes))
        case 2: self = .read(request: try reader.read(), mailbox: try Self.mailbox(&reader), from: try Self.index(&reader, "from"))
        case 3: self = .appended(request: try reader.read())
        case 4: self = .refused(request: try reader.read(), reason: try reader.read())
        case 5:
            let request: UInt64 = try reader.read(), mailbox = try Self.mailbox(&reader)
            let from = try Self.index(&reader, "from"), total = try Self.index(&reader, "total")
            let count = try reader.readLength(field: "entries", limit: limits.maxEntriesPerMessage)
            var items: [[UInt8]] = []
            for _ in 0..<count { items.append(try Self.bytes(&reader, limit: limits.maxEntryBytes)) }
            self = .entries(request: request, mailbox: mailbox, from: from, total: total, items: items)
        case 6: self = .request(ts: try reader.read(), round: try reader.read(), head: try reader.read())
        case 7: self = .reply(ts: try reader.read(), round: try reader.read(), head: try reader.read(),
                              grants: try reader.readArray(maxCount: limits.maxStores, field: "grants"))
        case 8: self = .append(base: try reader.read(), entry: try reader.read())
        case 9: self = .appendAck(position: try Self.index(&reader, "position"))
        case 10: self = .heartbeat(head: try reader.read(), committed: try reader.read())
        case 11: self = .fetch(from: try Self.index(&reader, "from"))
        case 12: self = .log(base: try reader.read(), items: try reader.readArray(maxCount: limits.maxEntriesPerMessage, field: "log"))
        case let tag: throw .unknownTag(type: "PersistenceMessage", tag: UInt64(tag))
        }
    }

    /// A mailbox name: printable text of at most ``PersistenceLimits/maxMailboxLength`` bytes.
    static func mailbox(_ reader: inout WireReader) throws(WireError) -> String {
        try reader.readText(maxLength: PersistenceLimits.standard.maxMailboxLength, field: "mailbox")
    }

    /// An index or a count: at most ``PersistenceLimits/maxLogEntries``.
    static func index(_ reader: inout WireReader, _ field: String) throws(WireError) -> Int {
        let value: Int = try reader.read()
        guard (0...PersistenceLimits.standard.maxLogEntries).contains(value) else {
            throw .invalidValue(field: field, reason: "\(value) is not in 0...\(PersistenceLimits.standard.maxLogEntries)")
        }
        return value
    }

    /// Length-prefixed bytes of at most `limit`, refused before anything is allocated for them.
    static func bytes(_ reader: inout WireReader, limit: Int) throws(WireError) -> [UInt8] {
        let count = try reader.readLength(field: "ciphertext", limit: limit)
        return Array(try reader.readRaw(count: count, field: "ciphertext"))
    }
}
