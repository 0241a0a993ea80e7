// Lab zapszap — what a member shows its user: given, not an exercise.

import LabKit

/// What a chat member reports to its user (the prompt prints these; graders check them).
public enum ZapEvent: Sendable, Equatable, CustomStringConvertible {
    /// A new message, shown at the end of the history: it sorts after every message held so far.
    case message(ChatMessage)
    /// A new message that sorts before some message already shown: it belongs right after `after` (`nil`:
    /// before everything). A chat window marks it as late rather than moving lines under the reader's eyes.
    case late(ChatMessage, after: MessageID?)
    /// A member came online (was heard from) or went offline (silent past the timeout, or said goodbye).
    case presence(NodeID, online: Bool)
    /// A datagram that claimed to come from `from` (the network's sender) was refused for `reason`.
    case dropped(DropReason, from: NodeID)

    public var description: String {
        switch self {
        case let .message(message): "\(message)"
        case let .late(message, after): "late: \(message), belongs after \(after.map(\.description) ?? "the start")"
        case let .presence(member, online): "\(member) is \(online ? "online" : "offline")"
        case let .dropped(reason, from): "dropped a datagram from \(from): \(reason)"
        }
    }
}
