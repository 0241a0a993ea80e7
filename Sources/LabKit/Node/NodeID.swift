/// The name of a node in a run: `server`, `client-2`, `alice`. Traces, logs and addresses are keyed by it.
public struct NodeID: Hashable, Comparable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral, WireCodable {
    /// The name as written.
    public let name: String

    public init(_ name: String) { self.name = name }
    public init(stringLiteral name: String) { self.name = name }

    /// The longest name a message may carry, in UTF-8 bytes.
    public static let maxLength = 64

    /// The name as printed: control characters escaped (see `String.escapingControlCharacters`).
    public var description: String { name.escapingControlCharacters }
    public static func < (lhs: NodeID, rhs: NodeID) -> Bool { lhs.name < rhs.name }

    public func encode(to writer: inout WireWriter) { writer.write(name) }
    /// Decodes a name, refusing an empty one, one longer than ``maxLength`` bytes or one with a control
    /// character: no name from the network can forge a printed line, a file name or a log entry.
    public init(from reader: inout WireReader) throws(WireError) {
        let name = try reader.readString(maxLength: Self.maxLength, field: "node name")
        if let problem = Self.problem(with: name) { throw .invalidValue(field: "node name", reason: problem) }
        self.name = name
    }

    /// Why `name` cannot be a node's name on the wire, or `nil` when it can.
    public static func problem(with name: String) -> String? {
        if name.isEmpty { return "it is empty" }
        if name.utf8.count > maxLength { return "it is longer than \(maxLength) bytes" }
        if name.containsControlCharacters { return "it contains a control character" }
        return nil
    }
}
