import VideoKit

/// The mutants of the video control plane, and the scenarios that must catch each one (checked by
/// `Tests/GradedTests/MutantTests.swift`).
public enum VideoTrackerMutants {
    /// Each mutant tracker, with the IDs of the scenarios of which at least one must fail.
    public static let trackers: [(name: String, tracker: any TrackerNode.Type, caughtBy: [String])] = [
        ("video: tracker never expires peers", NeverExpiringTracker.self, ["video.2.1-expiry-timing", "video.2.1-expiry-under-faults"]),
    ]
}
