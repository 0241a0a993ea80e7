import VideoKit

/// Mutant: a tracker that takes no notice of LEAVE, so a peer that left stays listed until it expires. The
/// scenarios that must catch it are listed in `VideoTrackerMutants`.
public struct LeaveIgnoringTracker: PassThroughTracker {
    public var tracker: Tracker

    public init(config: TrackerConfig) { tracker = Tracker(config: config) }

    public mutating func receive(_ message: TrackerMessage, from sender: NodeID, _ ctx: inout VideoContext) throws {
        guard message != .leave else { return }
        try tracker.receive(message, from: sender, &ctx)
    }
}
