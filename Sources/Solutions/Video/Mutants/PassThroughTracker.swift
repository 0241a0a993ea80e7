import VideoKit

/// What the tracker mutants share: each wraps the reference `Tracker` and passes every call on to it, save the
/// ones its bug changes (a mutant declares only those).
public protocol PassThroughTracker: TrackerNode {
    /// The reference tracker doing the work.
    var tracker: Tracker { get set }
}

extension PassThroughTracker {
    public mutating func start(_ ctx: inout VideoContext) { tracker.start(&ctx) }
    public mutating func receive(_ message: TrackerMessage, from sender: NodeID, _ ctx: inout VideoContext) throws {
        try tracker.receive(message, from: sender, &ctx)
    }
    public mutating func timerFired(_ timer: TimerID, _ ctx: inout VideoContext) throws { try tracker.timerFired(timer, &ctx) }
}
