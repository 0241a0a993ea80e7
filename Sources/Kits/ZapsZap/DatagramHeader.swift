// Lab zapszap — the cleartext header of a datagram: given, not an exercise.

import LabKit

/// What travels in the clear at the front of every datagram: which protocol, which group, who sealed it,
/// and the two numbers that make its nonce. It is the associated data of the seal, so changing any byte of it
/// makes the datagram fail to open.
///
/// Wire form: `version` (1 byte), `groupTag` (8 bytes), `sender` (length-prefixed UTF-8, at most
/// ``ZapLimits/maxNameBytes``), `epoch` (4 bytes, big-endian), `counter` (8 bytes, big-endian).
public struct DatagramHeader: WireCodable, Sendable, Equatable, CustomStringConvertible {
    /// The protocol version this kit speaks.
    public static let currentVersion: UInt8 = 1

    /// The protocol version; a node refuses any other.
    public var version: UInt8
    /// The group's ``GroupKey/tag``.
    public var groupTag: [UInt8]
    /// The member that sealed the datagram (its node name): which key opens it, whose nonces these are.
    public var sender: NodeID
    /// The sender's boot number: it grows by one at every start of the sender and is stored before it is
    /// used, so that `(epoch, counter)` never repeats, restarts included.
    public var epoch: UInt32
    /// The sender's datagram counter within `epoch`: 0, 1, 2, … for each datagram it seals.
    public var counter: UInt64

    /// A header; the version defaults to the one this kit speaks.
    public init(version: UInt8 = Self.currentVersion, groupTag: [UInt8], sender: NodeID, epoch: UInt32, counter: UInt64) {
        self.version = version
        self.groupTag = groupTag
        self.sender = sender
        self.epoch = epoch
        self.counter = counter
    }

    public func encode(to writer: inout WireWriter) {
        writer.writeFixed(version)
        writer.writeRaw(groupTag)
        writer.write(sender)
        writer.writeFixed(epoch)
        writer.writeFixed(counter)
    }

    public init(from reader: inout WireReader) throws(WireError) {
        version = try reader.readFixed(field: "header version")
        groupTag = Array(try reader.readRaw(count: GroupKey.tagLength, field: "header group tag"))
        let length = try reader.readLength(field: "header sender", limit: ZapLimits.maxNameBytes)
        guard let name = String(validating: try reader.readRaw(count: length, field: "header sender"), as: UTF8.self) else {
            throw .invalidUTF8(field: "header sender")
        }
        sender = NodeID(name)
        epoch = try reader.readFixed(field: "header epoch")
        counter = try reader.readFixed(field: "header counter")
    }

    /// `alice e2#17`: sender, epoch and counter.
    public var description: String { "\(sender) e\(epoch)#\(counter)" }
}
