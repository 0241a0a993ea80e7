// Lab video — the data plane: what a downloader asks a peer's chunk server, over TCP in length-prefixed frames.

import LabKit

/// A downloader's request to a chunk server.
public enum ChunkRequest: Sendable, Equatable, WireCodable, CustomStringConvertible {
    /// "Send me the manifest of the file called `name`."
    case manifest(name: String)
    /// "Send me chunk `index` of the file called `name`."
    case chunk(name: String, index: UInt32)

    public func encode(to writer: inout WireWriter) {
        switch self {
        case let .manifest(name): writer.write(UInt8(1)); writer.write(name)
        case let .chunk(name, index): writer.write(UInt8(2)); writer.write(name); writer.write(index)
        }
    }

    public init(from reader: inout WireReader) throws(WireError) {
        switch try reader.read(UInt8.self) {
        case 1: self = .manifest(name: try reader.read())
        case 2: self = .chunk(name: try reader.read(), index: try reader.read())
        case let tag: throw .unknownTag(type: "ChunkRequest", tag: UInt64(tag))
        }
    }

    public var description: String {
        switch self {
        case let .manifest(name): "MANIFEST \(name)"
        case let .chunk(name, index): "CHUNK \(name)#\(index)"
        }
    }
}

/// Why a chunk server refused a request. The connection stays open for the next request.
public enum ChunkRefusal: Error, Sendable, Equatable, WireCodable, CustomStringConvertible {
    /// The name could escape the shared folder or is not a plain file name (`..`, `/`, NUL, empty…).
    case invalidName(String)
    /// No shared file has this name.
    case unknownFile(String)
    /// The file has `count` chunks; `index` is not one of them.
    case unknownChunk(name: String, index: UInt32, count: Int)
    /// The file exists but could not be read.
    case unreadable(name: String, reason: String)

    public var description: String {
        switch self {
        case let .invalidName(name): "invalid file name \(name.debugDescription)"
        case let .unknownFile(name): "no shared file named \(name.debugDescription)"
        case let .unknownChunk(name, index, count): "\(name) has \(count) chunks; there is no chunk \(index)"
        case let .unreadable(name, reason): "\(name) cannot be read: \(reason)"
        }
    }

    public func encode(to writer: inout WireWriter) {
        switch self {
        case let .invalidName(name): writer.write(UInt8(1)); writer.write(name)
        case let .unknownFile(name): writer.write(UInt8(2)); writer.write(name)
        case let .unknownChunk(name, index, count): writer.write(UInt8(3)); writer.write(name); writer.write(index); writer.write(count)
        case let .unreadable(name, reason): writer.write(UInt8(4)); writer.write(name); writer.write(reason)
        }
    }

    public init(from reader: inout WireReader) throws(WireError) {
        switch try reader.read(UInt8.self) {
        case 1: self = .invalidName(try reader.read())
        case 2: self = .unknownFile(try reader.read())
        case 3: self = .unknownChunk(name: try reader.read(), index: try reader.read(), count: try reader.read())
        case 4: self = .unreadable(name: try reader.read(), reason: try reader.read())
        case let tag: throw .unknownTag(type: "ChunkRefusal", tag: UInt64(tag))
        }
    }
}

/// A chunk server's answer, sent as one frame.
public enum ChunkResponse: Sendable, Equatable, WireCodable, CustomStringConvertible {
    /// The requested manifest.
    case manifest(Manifest)
    /// Chunk `index` follows: exactly `length` raw bytes right after this frame (sent with `sendFile`).
    case chunk(index: UInt32, length: UInt32)
    /// The request was refused; the connection stays usable.
    case refused(ChunkRefusal)

    public func encode(to writer: inout WireWriter) {
        switch self {
        case let .manifest(manifest): writer.write(UInt8(1)); writer.write(manifest)
        case let .chunk(index, length): writer.write(UInt8(2)); writer.write(index); writer.write(length)
        case let .refused(refusal): writer.write(UInt8(3)); writer.write(refusal)
        }
    }

    public init(from reader: inout WireReader) throws(WireError) {
        switch try reader.read(UInt8.self) {
        case 1: self = .manifest(try reader.read())
        case 2: self = .chunk(index: try reader.read(), length: try reader.read())
        case 3: self = .refused(try reader.read())
        case let tag: throw .unknownTag(type: "ChunkResponse", tag: UInt64(tag))
        }
    }

    public var description: String {
        switch self {
        case let .manifest(manifest): "\(manifest)"
        case let .chunk(index, length): "CHUNK #\(index) (\(length) bytes)"
        case let .refused(refusal): "REFUSED: \(refusal)"
        }
    }
}
