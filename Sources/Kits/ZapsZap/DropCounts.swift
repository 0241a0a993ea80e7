// Lab zapszap — a member's tally of refused datagrams: given, not an exercise.

import LabKit

/// How many datagrams a member refused since it started, by reason.
public struct DropCounts: Sendable, Equatable, CustomStringConvertible {
    /// Datagrams that were not well-formed datagrams of the group.
    public var malformed = 0
    /// Datagrams whose seal did not open.
    public var undecryptable = 0
    /// Datagrams already accepted, or from an older epoch.
    public var replayed = 0

    /// A tally, zero unless told otherwise.
    public init(malformed: Int = 0, undecryptable: Int = 0, replayed: Int = 0) {
        self.malformed = malformed
        self.undecryptable = undecryptable
        self.replayed = replayed
    }

    /// The count for one reason.
    public subscript(reason: DropReason) -> Int {
        get {
            switch reason {
            case .malformed: malformed
            case .undecryptable: undecryptable
            case .replayed: replayed
            }
        }
        set {
            switch reason {
            case .malformed: malformed = newValue
            case .undecryptable: undecryptable = newValue
            case .replayed: replayed = newValue
            }
        }
    }

    /// All refused datagrams.
    public var total: Int { malformed + undecryptable + replayed }

    /// `malformed 0, undecryptable 3, replayed 12`.
    public var description: String { "malformed \(malformed), undecryptable \(undecryptable), replayed \(replayed)" }
}
