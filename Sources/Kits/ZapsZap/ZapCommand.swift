// Lab zapszap — what a member's user asks: given, not an exercise.

import LabKit

/// What the user of a chat member asks for: a line typed at the prompt, or a step of a grader's script.
public enum ZapCommand: Sendable, Equatable, CustomStringConvertible {
    /// Write `text` to the group.
    case say(String)
    /// Write `text` as an answer to the message `to` (which the member must hold).
    case reply(to: MessageID, String)
    /// Say goodbye to every member and stop: no more datagrams in or out.
    case leave

    public var description: String {
        switch self {
        case let .say(text): "say \"\(text)\""
        case let .reply(to, text): "reply to \(to) \"\(text)\""
        case .leave: "leave"
        }
    }
}
