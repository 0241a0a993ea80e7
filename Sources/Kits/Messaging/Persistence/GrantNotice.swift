/// The last permission a store gave another requester: who, for which request timestamp `ts`, and how much longer
/// it may be used from when the notice was sent (negative: it ran out that long ago). A store that enters without
/// a suspected store waits until every permission given to it has run out, then trusts only later replies, and
/// takes a timestamp above every one it was given.
public struct GrantNotice: Hashable, Sendable, WireCodable {
    public var holder: NodeID
    public var ts: UInt64
    public var remaining: Duration

    /// The longest `remaining` either way; a permission that ran out longer ago says this much.
    public static let horizon: Duration = .seconds(60)

    public init(holder: NodeID, ts: UInt64, remaining: Duration) {
        self.holder = holder
        self.ts = ts
        self.remaining = min(max(remaining, .zero - Self.horizon), Self.horizon)
    }

    public func encode(to writer: inout WireWriter) { writer.write(holder); writer.write(ts); writer.write(remaining) }
    public init(from reader: inout WireReader) throws(WireError) {
        holder = try reader.read()
        ts = try reader.read()
        remaining = try reader.read()
        guard remaining >= .zero - Self.horizon && remaining <= Self.horizon else {
            throw .invalidValue(field: "grant remaining", reason: "\(remaining) is not in -60...60 s")
        }
    }
}
