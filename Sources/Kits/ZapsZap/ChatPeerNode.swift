// Lab zapszap — the chat member as graders drive it: given, not an exercise.

import LabKit

/// What a zapszap node's handlers receive: the time, its random generator, its storage, and its effects.
public typealias ZapContext = NodeContext<ZapDatagram, ZapEvent>

/// A member of a serverless, encrypted group chat: the node students write in every exercise.
///
/// Members exchange sealed ``ZapDatagram``s over UDP (or the simulator). Graders read the hooks below
/// between events; they never change the node. The two static requirements are the datagram format, written
/// once by the student (exercises 1.1 and 2.1): the member seals and opens everything with them, and graders
/// check them against recorded datagrams, then seal their probes' datagrams and open the member's with them.
public protocol ChatPeerNode: NodeLogic where Message == ZapDatagram, Output == ZapEvent, Command == ZapCommand {
    /// A member configured by `config`; it starts on `start`.
    init(config: ZapConfig)
    /// Exercise 1.1: `plaintext` sealed by `header.sender` under `header` — ChaCha20-Poly1305 under
    /// `key.senderKey(for: header.sender)`, nonce (epoch, counter) big-endian, the header's bytes as associated data.
    static func seal(_ plaintext: [UInt8], header: DatagramHeader, key: GroupKey) throws -> ZapDatagram
    /// Exercise 2.1: the header and payload of `datagram`, a datagram of the group of `key`; throws the
    /// ``DropReason`` a member refuses it for (replays aside: a datagram opens however often it comes).
    static func open(_ datagram: ZapDatagram, key: GroupKey) throws -> (header: DatagramHeader, payload: ZapPayload)
    /// Every message held, in the total order (Lamport timestamp, then sender): what the chat window shows.
    var orderedHistory: [ChatMessage] { get }
    /// The current value of the member's Lamport clock.
    var lamportTime: UInt64 { get }
    /// How many datagrams the member refused since it (re)started, by reason.
    var rejections: DropCounts { get }
    /// How many counters the replay windows remember now, over all senders: graded to stay bounded however
    /// long a sender talks (exercise 2.2 forgets those that fell out of the window).
    var rememberedCounters: Int { get }
}

extension ChatPeerNode {
    /// A member proves who sent a datagram by opening it: the shell learns a sender's address only once the
    /// member vouched for it, after the seal opened and the replay window accepted it.
    public static var authenticatesSenders: Bool { true }

    /// The SHA-256 of ``orderedHistory`` (see ``ChatMessage/digest(of:)``): equal on members that converged.
    public var historyDigest: [UInt8] { ChatMessage.digest(of: orderedHistory) }
}
