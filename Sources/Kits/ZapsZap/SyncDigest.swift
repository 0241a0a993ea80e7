// Lab zapszap — what a member holds, in a few bytes: given, not an exercise.

import LabKit

/// A summary of a member's history for anti-entropy: its Lamport clock and, per sender, the highest sequence
/// number up to which it holds every message (a version vector).
///
/// Its size grows with the number of senders, never with the number of messages: comparing two members
/// that are already in sync costs the same after ten messages or ten thousand.
public struct SyncDigest: Hashable, Sendable, WireCodable, CustomStringConvertible {
    /// One entry of the version vector.
    public struct Head: Hashable, Sendable, WireCodable {
        /// A sender.
        public var sender: NodeID
        /// The holder has every message of `sender` numbered 1 through `seq` (0: none yet).
        public var seq: UInt64

        /// The entry "every message of `sender` up to `seq`".
        public init(sender: NodeID, seq: UInt64) {
            self.sender = sender
            self.seq = seq
        }

        public func encode(to writer: inout WireWriter) { writer.write(sender); writer.write(seq) }
        public init(from reader: inout WireReader) throws(WireError) { sender = try reader.read(); seq = try reader.readCounter(field: "seq") }
    }

    /// The holder's Lamport clock.
    public var clock: UInt64
    /// The version vector, sorted by sender; a sender missing from it counts as 0.
    public var heads: [Head]

    /// A digest; `heads` are sorted by sender here.
    public init(clock: UInt64, heads: [Head]) {
        self.clock = clock
        self.heads = heads.sorted { $0.sender < $1.sender }
    }

    /// How far the holder has every message of `sender`: the entry for it, or 0.
    public func seq(of sender: NodeID) -> UInt64 {
        heads.first { $0.sender == sender }?.seq ?? 0
    }

    public func encode(to writer: inout WireWriter) { writer.write(clock); writer.write(heads) }
    public init(from reader: inout WireReader) throws(WireError) { clock = try reader.readCounter(field: "clock"); heads = try reader.read() }

    /// `clock 12 {alice:3, bob:5}`.
    public var description: String {
        "clock \(clock) {" + heads.map { "\($0.sender):\($0.seq)" }.joined(separator: ", ") + "}"
    }
}
