/// PLACEHOLDER (base for the processing helper): replace with the processing service's protocol.
public enum ProcessingMessage: Equatable, Sendable, CustomStringConvertible, WireCodable {
    case placeholder
    public var description: String { "PLACEHOLDER" }
    public func encode(to writer: inout WireWriter) { writer.write(UInt8(0)) }
    public init(from reader: inout WireReader) throws(WireError) { _ = try reader.read(UInt8.self); self = .placeholder }
}

/// PLACEHOLDER: replace with what processing nodes and their clients report.
public enum ProcessingEvent: Hashable, Sendable, CustomStringConvertible {
    case placeholder
    public var description: String { "PLACEHOLDER" }
}
