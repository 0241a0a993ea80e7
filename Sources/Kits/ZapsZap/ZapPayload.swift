// Lab zapszap — what members say to each other, inside the seal: given, not an exercise.

import LabKit

/// The payload of a datagram, encrypted: nobody without the group key sees which of these it is.
public enum ZapPayload: Sendable, Equatable, WireCodable, CustomStringConvertible {
    /// A member (re)starting: "here is what I hold". Sent to the configured peers until one answers with
    /// `members`; the answer also brings the messages the digest shows missing.
    case hello(SyncDigest)
    /// The answer to a hello: the members the sender has heard from, itself included.
    case members([NodeID])
    /// A new message, sent once to every known member (the network may lose it; anti-entropy repairs).
    case chat(ChatMessage)
    /// Anti-entropy: "here is what I hold, send me what I lack". With `reciprocate`, the receiver also sends
    /// its own digest back (without `reciprocate`) if the requester holds messages it lacks.
    case syncRequest(SyncDigest, reciprocate: Bool)
    /// Part of an answer: messages the requester lacks, a page small enough for one datagram.
    case syncPage([ChatMessage])
    /// A heartbeat, sent to every member every presence interval, with the members the sender has heard from.
    case presence(members: [NodeID])
    /// "I am leaving": the receiver shows the sender offline at once.
    case goodbye

    public func encode(to writer: inout WireWriter) {
        switch self {
        case let .hello(digest): writer.write(UInt8(1)); writer.write(digest)
        case let .members(names): writer.write(UInt8(2)); writer.write(names)
        case let .chat(message): writer.write(UInt8(3)); writer.write(message)
        case let .syncRequest(digest, reciprocate): writer.write(UInt8(4)); writer.write(digest); writer.write(reciprocate)
        case let .syncPage(messages): writer.write(UInt8(5)); writer.write(messages)
        case let .presence(members): writer.write(UInt8(6)); writer.write(members)
        case .goodbye: writer.write(UInt8(7))
        }
    }

    public init(from reader: inout WireReader) throws(WireError) {
        switch try reader.read(UInt8.self) {
        case 1: self = .hello(try reader.read())
        case 2: self = .members(try reader.read())
        case 3: self = .chat(try reader.read())
        case 4: self = .syncRequest(try reader.read(), reciprocate: try reader.read())
        case 5: self = .syncPage(try reader.read())
        case 6: self = .presence(members: try reader.read())
        case 7: self = .goodbye
        case let tag: throw .unknownTag(type: "ZapPayload", tag: UInt64(tag))
        }
    }

    public var description: String {
        switch self {
        case let .hello(digest): "HELLO \(digest)"
        case let .members(names): "MEMBERS [\(names.map(\.name).joined(separator: ", "))]"
        case let .chat(message): "CHAT \(message)"
        case let .syncRequest(digest, reciprocate): "SYNC \(digest)\(reciprocate ? " ↔" : "")"
        case let .syncPage(messages): "PAGE [\(messages.map(\.id.description).joined(separator: ", "))]"
        case let .presence(members): "PRESENCE [\(members.map(\.name).joined(separator: ", "))]"
        case .goodbye: "GOODBYE"
        }
    }
}
