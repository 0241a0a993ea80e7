import VideoKit

/// The mutants of the video control plane, and the scenarios that must catch each one (checked by
/// `Tests/GradedTests/MutantTests.swift`).
public enum VideoTrackerMutants {
    /// Each mutant tracker, with the IDs of the scenarios of which at least one must fail.
    public static let trackers: [(name: String, tracker: any TrackerNode.Type, caughtBy: [String])] = [
        ("video: tracker never expires peers", NeverExpiringTracker.self, ["video.2.1-expiry-timing", "video.2.1-expiry-under-faults"]),
        ("video: tracker ignores LEAVE", LeaveIgnoringTracker.self, ["video.1.1-join-leave", "video.1.1-registry-under-faults"]),
        ("video: tracker search is case-sensitive", CaseSensitiveTracker.self, ["video.1.2-search-exact", "video.1.2-search-under-faults"]),
    ]
}

/// The mutants of the peer's tracker agent (exercise 2.2), and the scenarios that must catch each one (checked
/// by `Tests/GradedTests/MutantTests.swift`); the tracker is the reference's.
public enum VideoAgentMutants {
    /// Each mutant agent, with the IDs of the scenarios that must each fail on it.
    public static let agents: [(name: String, agent: any PeerAgentNode.Type, caughtBy: [String])] = [
        ("video: agent heartbeats every ttl", SlowHeartbeatAgent.self, ["video.2.2-join-and-heartbeat", "video.2.2-rejoin-after-tracker-restart"]),
        ("video: agent never retries a search", OneShotSearchAgent.self, ["video.2.2-search-once-under-faults"]),
        ("video: agent ignores UNKNOWN-PEER", DeafToUnknownPeerAgent.self, ["video.2.2-rejoin-after-tracker-restart"]),
        ("video: agent sends each UPDATE once", UpdateOnceAgent.self, ["video.2.2-announce-and-leave"]),
    ]
}
