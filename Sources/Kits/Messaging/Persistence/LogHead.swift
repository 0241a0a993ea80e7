/// What a store says of its log: how many entries it holds and the ballot of the last one. Of two logs, the
/// one with the later last ballot (then the longer) is the more up to date: it holds every acknowledged entry.
public struct LogHead: Hashable, Sendable, Comparable, WireCodable, CustomStringConvertible {
    public var length: Int
    public var last: Ballot

    public init(length: Int, last: Ballot) {
        self.length = length
        self.last = last
    }

    public static func < (a: LogHead, b: LogHead) -> Bool { (a.last, a.length) < (b.last, b.length) }

    public var description: String { "\(length)/\(last)" }

    public func encode(to writer: inout WireWriter) { writer.write(length); writer.write(last) }
    public init(from reader: inout WireReader) throws(WireError) {
        length = try PersistenceMessage.index(&reader, "length")
        last = try reader.read()
    }
}
