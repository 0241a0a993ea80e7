/// Why a server refused a request: the **failed** answers of the protocol, each a sentence a student reads.
public enum DepositRefusal: Hashable, Sendable, CustomStringConvertible, WireCodable {
    /// The id is not one the cluster issued (or not yet known here).
    case unknownClient
    /// The file name breaks ``FileName``'s rule; `reason` says how.
    case invalidName(reason: String)
    /// The replica count is outside `1...maximum`.
    case invalidReplicas(requested: Int, maximum: Int)
    /// Fewer servers are alive than the copies asked for.
    case tooFewServers(live: Int, wanted: Int)
    /// The declared size is over the limit, or more than the space left.
    case tooLarge(size: UInt64, limit: UInt64)
    /// The bytes received do not have the declared size and SHA-256: nothing was kept.
    case contentMismatch
    /// The client has no file of that name.
    case notFound(name: String)
    /// The deposit could not reach its copies in time (servers died or stayed silent): nothing was kept.
    case unavailable

    /// Whether every server gives this refusal to the same request: the others depend on what one server
    /// knows or holds now, so another server may have taken the same request.
    public var isSameEverywhere: Bool {
        switch self {
        case .invalidName, .invalidReplicas, .contentMismatch: true
        case .unknownClient, .tooFewServers, .tooLarge, .notFound, .unavailable: false
        }
    }

    public var description: String {
        switch self {
        case .unknownClient: "unknown client id"
        case let .invalidName(reason): "invalid file name: \(reason)"
        case let .invalidReplicas(requested, maximum): "replica count \(requested) is not in 1...\(maximum)"
        case let .tooFewServers(live, wanted): "only \(live) server(s) alive, \(wanted) copies asked for"
        case let .tooLarge(size, limit): "a file of \(size) bytes does not fit (limit \(limit) bytes)"
        case .contentMismatch: "the bytes do not match the declared size and SHA-256: nothing was kept"
        case let .notFound(name): "no file named '\(name.escapingControlCharacters)'"
        case .unavailable: "unavailable: the servers needed did not answer in time (nothing was kept or changed)"
        }
    }

    public func encode(to writer: inout WireWriter) {
        switch self {
        case .unknownClient: writer.write(UInt8(1))
        case let .invalidName(reason): writer.write(UInt8(2)); writer.write(reason)
        case let .invalidReplicas(requested, maximum): writer.write(UInt8(3)); writer.write(requested); writer.write(maximum)
        case let .tooFewServers(live, wanted): writer.write(UInt8(4)); writer.write(live); writer.write(wanted)
        case let .tooLarge(size, limit): writer.write(UInt8(5)); writer.write(size); writer.write(limit)
        case .contentMismatch: writer.write(UInt8(6))
        case let .notFound(name): writer.write(UInt8(7)); writer.write(name)
        case .unavailable: writer.write(UInt8(8))
        }
    }

    public init(from reader: inout WireReader) throws(WireError) {
        switch try reader.read(UInt8.self) {
        case 1: self = .unknownClient
        case 2: self = .invalidName(reason: try reader.readText(maxLength: 200, field: "refusal reason"))
        case 3: self = .invalidReplicas(requested: try reader.read(), maximum: try reader.read())
        case 4: self = .tooFewServers(live: try reader.read(), wanted: try reader.read())
        case 5: self = .tooLarge(size: try reader.read(), limit: try reader.read())
        case 6: self = .contentMismatch
        case 7: self = .notFound(name: try reader.readText(maxLength: FileName.maximumLength, field: "file name"))
        case 8: self = .unavailable
        case let tag: throw .unknownTag(type: "DepositRefusal", tag: UInt64(tag))
        }
    }
}
