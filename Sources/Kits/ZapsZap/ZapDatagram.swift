// Lab zapszap — the one message zapszap nodes exchange: given, not an exercise.

import LabKit

/// One UDP datagram between members: a cleartext ``DatagramHeader`` followed by the sealed payload
/// (ChaCha20-Poly1305 ciphertext ‖ 16-byte tag of an encoded ``ZapPayload``).
///
/// The simulator and the network carry these bytes as they are, so whoever watches the network sees headers
/// and ciphertext only, and an attacker can replay, cut or flip any byte of them.
/// ```swift
/// let datagram = ZapDatagram(header: header, sealed: sealed)   // bytes = header bytes ‖ sealed
/// let (header, headerBytes, sealed) = try datagram.split()     // throws WireError on a bad header
/// ```
public struct ZapDatagram: WireCodable, Sendable, Equatable, CustomStringConvertible {
    /// The whole datagram, as sent.
    public var bytes: [UInt8]

    /// A datagram from raw bytes, valid or not.
    public init(bytes: [UInt8]) { self.bytes = bytes }

    /// The datagram `header.encoded() ‖ sealed`.
    public init(header: DatagramHeader, sealed: [UInt8]) {
        bytes = header.encoded() + sealed
    }

    /// Reads the header back: the header, its exact bytes (the associated data to open with), and the sealed
    /// rest. Throws a ``WireError`` if the bytes do not start with a well-formed header.
    public func split() throws(WireError) -> (header: DatagramHeader, headerBytes: [UInt8], sealed: [UInt8]) {
        var reader = WireReader(bytes, limits: ZapLimits.wireLimits)
        let header = try DatagramHeader(from: &reader)
        let headerLength = bytes.count - reader.remaining
        return (header, Array(bytes[..<headerLength]), Array(bytes[headerLength...]))
    }

    public func encode(to writer: inout WireWriter) { writer.writeBytes(bytes) }
    public init(from reader: inout WireReader) throws(WireError) { bytes = try reader.readBytes(field: "datagram") }

    /// What an eavesdropper sees: the header, and the size.
    public var description: String {
        guard let header = try? split().header else { return "\(bytes.count) B of garbage" }
        return "\(header) (\(bytes.count) B)"
    }
}
