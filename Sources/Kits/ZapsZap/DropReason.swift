// Lab zapszap — why a datagram was refused: given, not an exercise.

import LabKit

/// Why a member refused a datagram. Refused datagrams are dropped and counted, never answered, and never
/// stop the node.
public enum DropReason: String, Error, Sendable, Equatable, CaseIterable, CustomStringConvertible {
    /// The bytes are not a datagram of this protocol and group: no well-formed header, another version or
    /// group, or a payload that does not decode although it opened.
    case malformed
    /// The seal does not open: another key (an outsider's passphrase), or a changed or cut header, ciphertext
    /// or tag.
    case undecryptable
    /// A datagram already accepted, arriving again (copied by the network or replayed by an attacker), or one
    /// from an older epoch of its sender than one already accepted.
    case replayed

    public var description: String { rawValue }
}
