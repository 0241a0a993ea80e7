/// PLACEHOLDER (base for the persistence helper): replace with the persistence service's protocol.
public enum PersistenceMessage: Equatable, Sendable, CustomStringConvertible, WireCodable {
    case placeholder
    public var description: String { "PLACEHOLDER" }
    public func encode(to writer: inout WireWriter) { writer.write(UInt8(0)) }
    public init(from reader: inout WireReader) throws(WireError) { _ = try reader.read(UInt8.self); self = .placeholder }
}

/// PLACEHOLDER: replace with what persistence nodes and their clients report.
public enum PersistenceEvent: Hashable, Sendable, CustomStringConvertible {
    case placeholder
    public var description: String { "PLACEHOLDER" }
}
