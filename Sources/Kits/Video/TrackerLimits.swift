// Lab video — how much one peer can make the tracker hold, and how long an answer can be.

import FileTransfer
import LabKit

/// The tracker's stated limits, enforced by the given code and the message decoders, never by an exercise.
///
/// A registration outlives its connection until it expires, so peers that connect, JOIN and leave under
/// ever new names are bounded by ``peers`` and ``files``, not by the connection limit: the registry holds
/// at most 100,000 files (about 40 MB with the longest names). No RESULTS frame exceeds ``answerBytes``
/// (a quarter of the 1 MiB frame limit).
public enum TrackerLimits {
    /// The most files one peer may share: a longer JOIN list does not decode (the tracker drops it
    /// unanswered), and an UPDATE of a new file beyond it is answered `REFUSED` (too many files).
    public static let filesPerPeer = 1_000
    /// The most peers registered at once: a JOIN from one more is answered `REFUSED` (registry full).
    public static let peers = 10_000
    /// The most files registered at once, all peers together: a JOIN or UPDATE that would register more
    /// is answered `REFUSED` (registry full).
    public static let files = 100_000
    /// The most hits in one RESULTS; beyond it the answer says `more`.
    public static let hitsPerAnswer = 50
    /// The most holders listed for one hit; beyond it the answer says `more`.
    public static let holdersPerHit = 20
    /// The most bytes the hits of one RESULTS may take on the wire; beyond it the answer says `more`.
    public static let answerBytes = 256 << 10
}
