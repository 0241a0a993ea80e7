/// Every message of the messaging system, phases 2–4: one type, so the processing service, the persistence
/// service and the clients (Bob, Alice) run together in one simulation and over one mesh.
///
/// Each service's protocol is its own enum, nested here under a tag byte; a client speaks to both.
public enum MessagingMessage: Equatable, Sendable, CustomStringConvertible, WireCodable {
    /// The processing service's protocol: clients and processors, processors among themselves.
    case processing(ProcessingMessage)
    /// The persistence service's protocol: clients and stores, stores among themselves.
    case persistence(PersistenceMessage)

    public var description: String {
        switch self {
        case let .processing(message): message.description
        case let .persistence(message): message.description
        }
    }

    public func encode(to writer: inout WireWriter) {
        switch self {
        case let .processing(message): writer.write(UInt8(1)); writer.write(message)
        case let .persistence(message): writer.write(UInt8(2)); writer.write(message)
        }
    }

    public init(from reader: inout WireReader) throws(WireError) {
        switch try reader.read(UInt8.self) {
        case 1: self = .processing(try reader.read())
        case 2: self = .persistence(try reader.read())
        case let tag: throw .unknownTag(type: "MessagingMessage", tag: UInt64(tag))
        }
    }
}

/// What a node of the messaging system reports to its user (graders read these too).
public enum MessagingEvent: Hashable, Sendable, CustomStringConvertible {
    /// Reported by the processing service's nodes and its clients.
    case processing(ProcessingEvent)
    /// Reported by the persistence service's nodes and its clients.
    case persistence(PersistenceEvent)
    /// Reported by Bob and Alice: a message stored, received, or not sent.
    case conversation(ConversationEvent)

    public var description: String {
        switch self {
        case let .processing(event): event.description
        case let .persistence(event): event.description
        case let .conversation(event): event.description
        }
    }
}

/// The context every messaging node runs in.
public typealias MessagingContext = NodeContext<MessagingMessage, MessagingEvent>
