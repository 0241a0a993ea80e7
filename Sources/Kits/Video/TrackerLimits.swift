// Lab video — how much one peer can make the tracker hold, and how long an answer can be.

import FileTransfer
import LabKit

/// The tracker's stated limits, enforced by the given code and the message decoders, never by an exercise.
///
/// With at most ``ConnectionLimits/standard`` 256 connections, a tracker holds at most 256 × 1,000 files,
/// and no RESULTS frame exceeds ``answerBytes`` (a quarter of the 1 MiB frame limit).
public enum TrackerLimits {
    /// The most files one peer may share: a longer JOIN list does not decode (the tracker drops it
    /// unanswered), and an UPDATE of a new file beyond it is answered `TOO-MANY-FILES`.
    public static let filesPerPeer = 1_000
    /// The most hits in one RESULTS; beyond it the answer says `more`.
    public static let hitsPerAnswer = 50
    /// The most holders listed for one hit; beyond it the answer says `more`.
    public static let holdersPerHit = 20
    /// The most bytes the hits of one RESULTS may take on the wire; beyond it the answer says `more`.
    public static let answerBytes = 256 << 10
}
