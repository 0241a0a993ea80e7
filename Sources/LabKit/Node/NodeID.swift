/// The name of a node in a run: `server`, `client-2`, `alice`. Traces, logs and addresses are keyed by it.
public struct NodeID: Hashable, Comparable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral, WireCodable {
    /// The name as written.
    public let name: String

    public init(_ name: String) { self.name = name }
    public init(stringLiteral name: String) { self.name = name }

    public var description: String { name }
    public static func < (lhs: NodeID, rhs: NodeID) -> Bool { lhs.name < rhs.name }

    public func encode(to writer: inout WireWriter) { writer.write(name) }
    public init(from reader: inout WireReader) throws(WireError) { name = try reader.read() }
}
