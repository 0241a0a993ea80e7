// Lab messaging, phase 2 — the processing service's protocol: given, not an exercise.

/// Every message of the processing service: clients and processors, processors among themselves.
///
/// Active replication with a sequencer: clients send each request to every processor; the leader of the current
/// `term` places it in the log and replicates the log with `append`; a processor executes an entry once the
/// leader says a majority holds it (`commit`) and answers the client, which takes the first `reply`.
/// Leaders are chosen by the bully algorithm (`election`, `alive`, `claim`), sealed by a majority's `promise`
/// that carries their logs, page by page, so a new leader learns what was ordered before it orders anything.
public enum ProcessingMessage: Equatable, Sendable, CustomStringConvertible, WireCodable {
    // Client to processors.
    /// Do `request` (sent to every processor; sent again, the same, until a reply comes).
    case request(ProcessingRequest)

    // Processor to client.
    /// What `id` gave, from any processor that executed it.
    case reply(id: RequestID, result: ProcessingResult)

    // Leader to followers.
    /// The leader of `term`'s log from position `from` (0-based) on, and how far it is committed: a heartbeat
    /// when `entries` is empty.
    case append(term: UInt64, from: Int, entries: [LogEntry], commit: Int)

    // Follower to leader.
    /// My log matches yours of `term` up to `length`.
    case appended(term: UInt64, length: Int)
    /// I cannot take entries past `from` yet: send from there.
    case behind(term: UInt64, from: Int)
    /// Your term is over: mine is `term`.
    case stale(term: UInt64)

    // The bully election.
    /// The leader seems gone: is a processor above me alive? (to every higher one)
    case election
    /// I am, and I take over the election (to the lower one that asked).
    case alive
    /// I am the leader of `term`: promise to follow me, with your log from position `from` on (first my commit
    /// point; then, for a log longer than one message carries, where the last page stopped).
    case claim(term: UInt64, from: Int)
    /// I follow you in `term`; my log's last normal term, its length and how far I know it committed, and its
    /// entries from `from` on (at most ``maximumEntries``: one page).
    case promise(term: UInt64, normalTerm: UInt64, length: Int, commit: Int, from: Int, entries: [LogEntry])
    /// I do not follow your claim of `term`, for `reason`.
    case refused(term: UInt64, reason: ClaimRefusal)

    /// The most entries one `append` or `promise` carries: a longer log travels in pages.
    public static let maximumEntries = 256

    public var description: String {
        switch self {
        case let .request(request): "REQUEST \(request)"
        case let .reply(id, result): "REPLY \(id) \(result)"
        case let .append(term, from, entries, commit): "APPEND t\(term) @\(from) +\(entries.count) commit \(commit)"
        case let .appended(term, length): "APPENDED t\(term) \(length)"
        case let .behind(term, from): "BEHIND t\(term) from \(from)"
        case let .stale(term): "STALE t\(term)"
        case .election: "ELECTION"
        case .alive: "ALIVE"
        case let .claim(term, from): "CLAIM t\(term) from \(from)"
        case let .promise(term, normal, length, commit, from, entries):
            "PROMISE t\(term) normal t\(normal) length \(length) commit \(commit) @\(from) +\(entries.count)"
        case let .refused(term, reason): "REFUSED t\(term) \(reason)"
        }
    }

    public func encode(to writer: inout WireWriter) {
        switch self {
        case let .request(request): writer.write(UInt8(1)); writer.write(request)
        case let .reply(id, result): writer.write(UInt8(2)); writer.write(id); writer.write(result)
        case let .append(term, from, entries, commit):
            writer.write(UInt8(3)); writer.write(term); writer.write(from); writer.write(entries); writer.write(commit)
        case let .appended(term, length): writer.write(UInt8(4)); writer.write(term); writer.write(length)
        case let .behind(term, from): writer.write(UInt8(5)); writer.write(term); writer.write(from)
        case let .stale(term): writer.write(UInt8(6)); writer.write(term)
        case .election: writer.write(UInt8(7))
        case .alive: writer.write(UInt8(8))
        case let .claim(term, from): writer.write(UInt8(9)); writer.write(term); writer.write(from)
        case let .promise(term, normal, length, commit, from, entries):
            writer.write(UInt8(10)); writer.write(term); writer.write(normal); writer.write(length); writer.write(commit); writer.write(from)
            writer.write(entries)
        case let .refused(term, reason): writer.write(UInt8(11)); writer.write(term); writer.write(reason)
        }
    }

    public init(from reader: inout WireReader) throws(WireError) {
        switch try reader.read(UInt8.self) {
        case 1: self = .request(try reader.read())
        case 2: self = .reply(id: try reader.read(), result: try reader.read())
        case 3:
            self = .append(term: try reader.read(), from: try Self.position(&reader, "from"), entries: try Self.entries(&reader),
                           commit: try Self.position(&reader, "commit"))
        case 4: self = .appended(term: try reader.read(), length: try Self.position(&reader, "length"))
        case 5: self = .behind(term: try reader.read(), from: try Self.position(&reader, "from"))
        case 6: self = .stale(term: try reader.read())
        case 7: self = .election
        case 8: self = .alive
        case 9: self = .claim(term: try reader.read(), from: try Self.position(&reader, "from"))
        case 10:
            let term: UInt64 = try reader.read(), normalTerm: UInt64 = try reader.read()
            let length = try Self.position(&reader, "length"), commit = try Self.position(&reader, "commit"), from = try Self.position(&reader, "from")
            let entries = try Self.entries(&reader)
            // A page lies within the log it is of (so a position past it, or a sum that overflows, never gets in).
            guard from <= length, entries.count <= length - from else {
                throw .invalidValue(field: "entries", reason: "\(entries.count) entries from \(from) overrun a log of \(length)")
            }
            self = .promise(term: term, normalTerm: normalTerm, length: length, commit: commit, from: from, entries: entries)
        case 11: self = .refused(term: try reader.read(), reason: try reader.read())
        case let tag: throw .unknownTag(type: "ProcessingMessage", tag: UInt64(tag))
        }
    }

    /// A log position or length: never negative.
    private static func position(_ reader: inout WireReader, _ field: String) throws(WireError) -> Int {
        let value: Int = try reader.read()
        guard value >= 0 else { throw .invalidValue(field: field, reason: "negative position \(value)") }
        return value
    }

    private static func entries(_ reader: inout WireReader) throws(WireError) -> [LogEntry] {
        try reader.readArray(maxCount: maximumEntries, field: "entries")
    }
}

/// Why a processor refused a claim of leadership.
public enum ClaimRefusal: Hashable, Sendable, CustomStringConvertible, WireCodable {
    /// The claimant ranks below me: in the bully algorithm the highest live processor leads, so I run an
    /// election instead (a forged "I am the leader" from a lower id ends here).
    case lowerRank
    /// I already follow term `current`, at least as high as the claim's.
    case staleTerm(current: UInt64)

    public var description: String {
        switch self {
        case .lowerRank: "the claimant ranks below me"
        case let .staleTerm(current): "my term is already \(current)"
        }
    }

    public func encode(to writer: inout WireWriter) {
        switch self {
        case .lowerRank: writer.write(UInt8(1))
        case let .staleTerm(current): writer.write(UInt8(2)); writer.write(current)
        }
    }

    public init(from reader: inout WireReader) throws(WireError) {
        switch try reader.read(UInt8.self) {
        case 1: self = .lowerRank
        case 2: self = .staleTerm(current: try reader.read())
        case let tag: throw .unknownTag(type: "ClaimRefusal", tag: UInt64(tag))
        }
    }
}

/// What processors and their clients report.
public enum ProcessingEvent: Hashable, Sendable, CustomStringConvertible {
    /// A client got its first reply to `request`.
    case answered(request: ProcessingRequest, result: ProcessingResult)
    /// This processor became the leader of `term`.
    case elected(term: UInt64)
    /// This processor refused `claimant`'s claim to lead `term`, for `reason`.
    case refusedClaim(claimant: NodeID, term: UInt64, reason: ClaimRefusal)

    public var description: String {
        switch self {
        case let .answered(request, result): "answered \(request): \(result)"
        case let .elected(term): "leader of term \(term)"
        case let .refusedClaim(claimant, term, reason): "refused \(claimant)'s claim of term \(term): \(reason)"
        }
    }
}
