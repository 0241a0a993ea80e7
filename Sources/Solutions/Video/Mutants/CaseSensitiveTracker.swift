import VideoKit

/// Mutant: a tracker whose search compares names as typed, so "bunny" misses "Big Buck Bunny". The scenarios
/// that must catch it are listed in `VideoTrackerMutants`.
public struct CaseSensitiveTracker: PassThroughTracker {
    public var tracker: Tracker

    public init(config: TrackerConfig) { tracker = Tracker(config: config) }

    public mutating func receive(_ message: TrackerMessage, from sender: NodeID, _ ctx: inout VideoContext) throws {
        guard case let .search(requestID, text) = message else {
            try tracker.receive(message, from: sender, &ctx)
            return
        }
        try tracker.updateRegistry(with: message, from: sender, &ctx)
        let hits = try tracker.search("", at: ctx.now).filter { text.isEmpty || $0.file.name.contains(text) }
        ctx.send(.results(requestID: requestID, capping: hits), to: sender)
    }
}
