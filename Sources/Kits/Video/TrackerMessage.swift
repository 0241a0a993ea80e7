// Lab video — the tracker protocol: given, not an exercise. Peers and the tracker exchange these over TCP.

import FileTransfer
import LabKit

/// A file a peer shares: its name, size and content ID.
public struct SharedFile: Hashable, Sendable, WireCodable, CustomStringConvertible {
    public var name: String
    public var size: UInt64
    public var contentID: ContentID

    public init(name: String, size: UInt64, contentID: ContentID) {
        self.name = name
        self.size = size
        self.contentID = contentID
    }

    public var description: String { "\(name) (\(size) bytes, \(contentID))" }
    /// What a download of this file must get: this content ID and size.
    public var listedContent: ListedContent { ListedContent(contentID: contentID, size: size) }

    public func encode(to writer: inout WireWriter) { writer.write(name); writer.write(size); writer.write(contentID) }
    public init(from reader: inout WireReader) throws(WireError) {
        name = try reader.readString(maxLength: PlainFileName.maxLength, field: "file name")
        if let problem = PlainFileName.problem(with: name) { throw .invalidValue(field: "file name", reason: problem) }
        size = try reader.read(); contentID = try reader.read()
    }
}

/// One search result: a file and the live peers that hold it, sorted by peer name.
public struct SearchHit: Hashable, Sendable, WireCodable, CustomStringConvertible {
    public var file: SharedFile
    public var holders: [PeerContact]

    public init(file: SharedFile, holders: [PeerContact]) {
        self.file = file
        self.holders = holders
    }

    public var description: String { "\(file) at \(holders.map(\.description).joined(separator: ", "))" }

    public func encode(to writer: inout WireWriter) { writer.write(file); writer.write(holders) }
    public init(from reader: inout WireReader) throws(WireError) {
        file = try reader.read()
        holders = try reader.readArray(maxCount: TrackerLimits.holdersPerHit, field: "search hit holders")
    }
}

extension Manifest {
    /// The shared-file entry for this manifest.
    public var sharedFile: SharedFile { SharedFile(name: name, size: size, contentID: contentID) }
}

/// The messages between peers and the tracker.
public enum TrackerMessage: Sendable, Equatable, WireCodable, CustomStringConvertible {
    /// Peer → tracker: "I serve these files at `address`." Joining again replaces the peer's file list.
    /// At most ``TrackerLimits/filesPerPeer`` files: a longer list does not decode.
    case join(address: String, files: [SharedFile])
    /// Tracker → peer: registered; stay alive by sending a message at least every `ttl`.
    case joined(ttl: Duration)
    /// Peer → tracker: "still here." Any message from a registered peer counts as alive.
    case heartbeat
    /// Peer → tracker: "I now hold this file too" (after a download completes).
    case update(SharedFile)
    /// Peer → tracker: "forget me."
    case leave
    /// Peer → tracker: which files have `text` in their name (case-insensitive)? `requestID` pairs the answer.
    case search(requestID: UInt32, text: String)
    /// Tracker → peer: the answer to search `requestID`: matching files with their live holders, at most
    /// ``TrackerLimits/hitsPerAnswer`` hits of ``TrackerLimits/holdersPerHit`` holders; `more` when the
    /// tracker left hits or holders out (see ``results(requestID:capping:)``).
    case results(requestID: UInt32, hits: [SearchHit], more: Bool)
    /// Tracker → peer: "I do not know you" (you expired, or I restarted): join again.
    case unknownPeer
    /// Tracker → peer: did not register a JOIN or an UPDATE, for the reason given (a ``TrackerLimits``
    /// limit). A registered peer's message still counted as alive.
    case refused(TrackerRefusal)

    public func encode(to writer: inout WireWriter) {
        switch self {
        case let .join(address, files): writer.write(UInt8(1)); writer.write(address); writer.write(files)
        case let .joined(ttl): writer.write(UInt8(2)); writer.write(ttl)
        case .heartbeat: writer.write(UInt8(3))
        case let .update(file): writer.write(UInt8(4)); writer.write(file)
        case .leave: writer.write(UInt8(5))
        case let .search(requestID, text): writer.write(UInt8(6)); writer.write(requestID); writer.write(text)
        case let .results(requestID, hits, more): writer.write(UInt8(7)); writer.write(requestID); writer.write(hits); writer.write(more)
        case .unknownPeer: writer.write(UInt8(8))
        case let .refused(refusal): writer.write(UInt8(9)); writer.write(refusal)
        }
    }

    public init(from reader: inout WireReader) throws(WireError) {
        switch try reader.read(UInt8.self) {
        case 1:
            self = .join(address: try reader.readText(maxLength: PeerContact.maxAddressLength, field: "address"),
                         files: try reader.readArray(maxCount: TrackerLimits.filesPerPeer, field: "JOIN files"))
        case 2: self = .joined(ttl: try reader.read())
        case 3: self = .heartbeat
        case 4: self = .update(try reader.read())
        case 5: self = .leave
        case 6: self = .search(requestID: try reader.read(), text: try reader.readText(maxLength: 200, field: "search text"))
        case 7:
            self = .results(requestID: try reader.read(), hits: try reader.readArray(maxCount: TrackerLimits.hitsPerAnswer, field: "RESULTS hits"),
                            more: try reader.read())
        case 8: self = .unknownPeer
        case 9: self = .refused(try reader.read())
        case let tag: throw .unknownTag(type: "TrackerMessage", tag: UInt64(tag))
        }
    }

    public var description: String {
        switch self {
        case let .join(address, files): "JOIN \(address) [\(files.map(\.name).joined(separator: ", "))]"
        case let .joined(ttl): "JOINED ttl=\(ttl)"
        case .heartbeat: "HEARTBEAT"
        case let .update(file): "UPDATE \(file.name)"
        case .leave: "LEAVE"
        case let .search(requestID, text): "SEARCH #\(requestID) \"\(text)\""
        case let .results(requestID, hits, more): "RESULTS #\(requestID) [\(hits.map(\.file.name).joined(separator: ", "))\(more ? ", more" : "")]"
        case .unknownPeer: "UNKNOWN-PEER"
        case let .refused(refusal): "REFUSED \(refusal)"
        }
    }
}
