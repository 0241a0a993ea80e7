// Lab zapszap — the chat member as graders drive it: given, not an exercise.

import LabKit

/// What a zapszap node's handlers receive: the time, its random generator, its storage, and its effects.
public typealias ZapContext = NodeContext<ZapDatagram, ZapEvent>

/// A member of a serverless, encrypted group chat: the node students write in every exercise.
///
/// Members exchange sealed ``ZapDatagram``s over UDP (or the simulator). Graders read the hooks below
/// between events; they never change the node.
public protocol ChatPeerNode: NodeLogic where Message == ZapDatagram, Output == ZapEvent, Command == ZapCommand {
    /// A member configured by `config`; it starts on `start`.
    init(config: ZapConfig)
    /// Every message held, in the total order (Lamport timestamp, then sender): what the chat window shows.
    var orderedHistory: [ChatMessage] { get }
    /// The current value of the member's Lamport clock.
    var lamportTime: UInt64 { get }
    /// How many datagrams the member refused since it (re)started, by reason.
    var rejections: DropCounts { get }
}

extension ChatPeerNode {
    /// The SHA-256 of ``orderedHistory`` (see ``ChatMessage/digest(of:)``): equal on members that converged.
    public var historyDigest: [UInt8] { ChatMessage.digest(of: orderedHistory) }
}
