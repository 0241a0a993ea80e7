// Lab zapszap — sizes every member agrees on: given, not an exercise.

import LabKit

/// The bounds of the zapszap protocol: a datagram always fits one unfragmented UDP packet, and a decoder
/// never allocates more than a datagram's worth for hostile input.
public enum ZapLimits {
    /// The most bytes a datagram may take. A node keeps below it by paging (see ``ZapConfig/pageBytes``).
    public static let maxDatagramBytes = 1200
    /// The most UTF-8 bytes of one chat text; a longer text is refused at the prompt.
    public static let maxTextBytes = 600
    /// The most UTF-8 bytes of a member's name.
    public static let maxNameBytes = 64
    /// How far behind a sender's highest counter a fresh datagram may still be accepted (a replay window).
    /// A datagram more than this many counters behind may be refused as replayed even if never seen.
    public static let replayWindow: UInt64 = 1024
    /// The largest Lamport time or sequence number a message may carry: far beyond any real chat, and far
    /// enough below 2⁶⁴ that `max + 1` and every other sum a member makes of them can never overflow.
    public static let maxCounter: UInt64 = 1 << 48
    /// How far past the last message held in order from a sender a message may be numbered: beyond, it is
    /// refused (anti-entropy brings it later, in order), so that no count up to an insider's number is long.
    public static let maxSeqAhead: UInt64 = 1024
    /// The most other members a member keeps track of (and replay windows it keeps): a list of them and itself,
    /// names of the longest, fits in one datagram. A name only listed by another member takes a free place
    /// only; one heard from directly (an authenticated datagram of its own) takes the place of one only listed,
    /// or else of the member heard from longest ago.
    public static let maxMembers = 15
    /// The limits to decode headers and payloads with: nothing larger than a datagram.
    public static let wireLimits = WireLimits(maxBytes: maxDatagramBytes, maxElements: maxDatagramBytes)
}
