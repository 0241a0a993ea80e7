/// Why a store refused a client's request: typed, each a sentence a student reads.
public enum PersistenceRefusal: Hashable, Sendable, CustomStringConvertible, WireCodable {
    /// The ciphertext is larger than the store accepts.
    case tooLarge(size: Int, limit: Int)
    /// The client id is already used by another client (`owner`).
    case clientIDTaken(owner: NodeID)
    /// The store's log is full.
    case full(limit: Int)

    public var description: String {
        switch self {
        case let .tooLarge(size, limit): "a ciphertext of \(size) bytes is over the limit of \(limit) bytes"
        case let .clientIDTaken(owner): "this client id belongs to another client (\(owner))"
        case let .full(limit): "the store holds its limit of \(limit) entries"
        }
    }

    public func encode(to writer: inout WireWriter) {
        switch self {
        case let .tooLarge(size, limit): writer.write(UInt8(1)); writer.write(size); writer.write(limit)
        case let .clientIDTaken(owner): writer.write(UInt8(2)); writer.write(owner)
        case let .full(limit): writer.write(UInt8(3)); writer.write(limit)
        }
    }

    public init(from reader: inout WireReader) throws(WireError) {
        switch try reader.read(UInt8.self) {
        case 1: self = .tooLarge(size: try reader.read(), limit: try reader.read())
        case 2: self = .clientIDTaken(owner: try reader.read())
        case 3: self = .full(limit: try reader.read())
        case let tag: throw .unknownTag(type: "PersistenceRefusal", tag: UInt64(tag))
        }
    }
}
