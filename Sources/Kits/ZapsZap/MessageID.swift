// Lab zapszap — naming a chat message: given, not an exercise.

import LabKit

/// Names one chat message everywhere: its sender and the sender's sequence number for it. Two copies with
/// the same ID are the same message (a duplicate), however they arrived.
public struct MessageID: Hashable, Comparable, Sendable, WireCodable, CustomStringConvertible {
    /// Who wrote the message.
    public var sender: NodeID
    /// The sender's count of its own messages: 1 for its first, then 2, 3, …
    public var seq: UInt64

    /// The ID of `sender`'s message number `seq`.
    public init(sender: NodeID, seq: UInt64) {
        self.sender = sender
        self.seq = seq
    }

    /// By sender, then by sequence number.
    public static func < (lhs: MessageID, rhs: MessageID) -> Bool { (lhs.sender, lhs.seq) < (rhs.sender, rhs.seq) }

    public func encode(to writer: inout WireWriter) { writer.write(sender); writer.write(seq) }
    public init(from reader: inout WireReader) throws(WireError) { sender = try reader.read(); seq = try reader.readCounter(field: "seq") }

    /// `alice#3`.
    public var description: String { "\(sender)#\(seq)" }
}
