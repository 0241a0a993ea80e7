import VideoKit

/// Mutant: a tracker that never expires peers — it lists a peer that crashed long ago and never forgets it. The
/// scenarios that must catch it are listed in `VideoTrackerMutants`.
public struct NeverExpiringTracker: PassThroughTracker {
    public var tracker: Tracker

    /// Wraps the reference tracker.
    public init(config: TrackerConfig) { tracker = Tracker(config: config) }

    public mutating func receive(_ message: TrackerMessage, from sender: NodeID, _ ctx: inout VideoContext) throws {
        keepEveryPeerAlive(now: ctx.now)
        try tracker.receive(message, from: sender, &ctx)
    }
    public mutating func timerFired(_ timer: TimerID, _ ctx: inout VideoContext) throws {
        keepEveryPeerAlive(now: ctx.now)
        try tracker.timerFired(timer, &ctx)
    }

    /// The bug: every registered peer counts as just heard from.
    private mutating func keepEveryPeerAlive(now: Duration) {
        for peer in tracker.peers.keys { tracker.peers[peer]?.lastHeard = now }
    }
}
