import LabKit

/// Names a file's exact content: the SHA-256 of its ``Manifest``. Two files with the same content ID are
/// the same bytes, whatever they are called, so a downloader can fetch chunks of one file from many peers.
public struct ContentID: Hashable, Comparable, Sendable, WireCodable, CustomStringConvertible {
    /// The 32 digest bytes.
    public let bytes: [UInt8]

    public init(_ bytes: [UInt8]) {
        precondition(bytes.count == SHA256.digestLength, "a content ID has 32 bytes, not \(bytes.count)")
        self.bytes = bytes
    }

    /// All 64 hex digits.
    public var hex: String { bytes.hex }
    /// The first 12 hex digits, enough to tell files apart on screen.
    public var description: String { String(hex.prefix(12)) }

    public static func < (lhs: ContentID, rhs: ContentID) -> Bool { lhs.bytes.lexicographicallyPrecedes(rhs.bytes) }

    public func encode(to writer: inout WireWriter) { writer.writeRaw(bytes) }
    public init(from reader: inout WireReader) throws(WireError) {
        bytes = Array(try reader.readRaw(count: SHA256.digestLength, field: "ContentID"))
    }
}
