// Lab zapszap — one chat message: given, not an exercise.

import LabKit

/// A line someone wrote in the group, with what every member needs to put it at the same place.
///
/// Every member shows the history in one total order: by `lamport`, then by `sender` name (then `seq`, which
/// never decides between honest members). Lamport timestamps make that order respect causality: a member
/// stamps a message after every message it had seen, so a reply always sorts after what it answers.
public struct ChatMessage: Hashable, Sendable, WireCodable, CustomStringConvertible {
    /// Who wrote it.
    public var sender: NodeID
    /// The sender's sequence number for it: 1, 2, 3, … with no gap.
    public var seq: UInt64
    /// The sender's Lamport clock when it wrote it.
    public var lamport: UInt64
    /// What was written (at most ``ZapLimits/maxTextBytes`` of UTF-8).
    public var text: String
    /// The message this one answers, if it is a reply.
    public var replyTo: MessageID?

    /// A message as its author stamps it.
    public init(sender: NodeID, seq: UInt64, lamport: UInt64, text: String, replyTo: MessageID? = nil) {
        self.sender = sender
        self.seq = seq
        self.lamport = lamport
        self.text = text
        self.replyTo = replyTo
    }

    /// The message's name: sender and sequence number.
    public var id: MessageID { MessageID(sender: sender, seq: seq) }

    /// The SHA-256 of a whole ordered history: equal digests, equal histories. Demos print it (in hex) so
    /// that converged members can be compared at a glance.
    public static func digest(of history: [ChatMessage]) -> [UInt8] {
        var hash = SHA256()
        for message in history { hash.update(message.encoded()) }
        return hash.finalize()
    }

    public func encode(to writer: inout WireWriter) {
        writer.write(sender)
        writer.write(seq)
        writer.write(lamport)
        writer.write(text)
        writer.write(replyTo)
    }

    public init(from reader: inout WireReader) throws(WireError) {
        sender = try reader.read()
        seq = try reader.readCounter(field: "seq")
        lamport = try reader.readCounter(field: "lamport")
        text = try reader.readString(maxLength: ZapLimits.maxTextBytes, field: "text")
        replyTo = try reader.read()
    }

    /// `[12] alice#3: hello (re bob#1)`.
    public var description: String {
        "[\(lamport)] \(id): \(text)" + (replyTo.map { " (re \($0))" } ?? "")
    }
}
