import LabKit

/// The mutants of the video control plane, and the scenarios that must catch each one
/// (see `Tests/GradedTests/VideoTrackerScenarioTests.swift`).
public enum VideoTrackerMutants {
    public static let trackers: [(name: String, tracker: any TrackerNode.Type, caughtBy: [String])] = [
        ("video: tracker never expires peers", NeverExpiringTracker.self, ["video.2.1-expiry-timing", "video.2.1-expiry-under-faults"]),
    ]
}
