// Lab video — why the tracker refused to register what a peer sent.

import LabKit

/// Why the tracker did not register a JOIN or an UPDATE: a limit of ``TrackerLimits``. The message still
/// counted as alive for a registered peer.
public enum TrackerRefusal: Sendable, Equatable, WireCodable, CustomStringConvertible {
    /// An UPDATE of a new file: the peer already shares `limit` files, the most the tracker registers per peer.
    case tooManyFiles(limit: UInt32)
    /// The registry is full: it holds at most `peers` peers and `files` files in all. Try again later.
    case registryFull(peers: UInt32, files: UInt32)

    public func encode(to writer: inout WireWriter) {
        switch self {
        case let .tooManyFiles(limit): writer.write(UInt8(1)); writer.write(limit)
        case let .registryFull(peers, files): writer.write(UInt8(2)); writer.write(peers); writer.write(files)
        }
    }

    public init(from reader: inout WireReader) throws(WireError) {
        switch try reader.read(UInt8.self) {
        case 1: self = .tooManyFiles(limit: try reader.read())
        case 2: self = .registryFull(peers: try reader.read(), files: try reader.read())
        case let tag: throw .unknownTag(type: "TrackerRefusal", tag: UInt64(tag))
        }
    }

    public var description: String {
        switch self {
        case let .tooManyFiles(limit): "this peer already shares \(limit) files, the most a tracker registers per peer"
        case let .registryFull(peers, files): "the tracker is full (at most \(peers) peers and \(files) files in all): try again later"
        }
    }
}
