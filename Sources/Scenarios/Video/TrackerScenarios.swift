import VideoKit

/// The graded scenarios of the video lab's control plane (steps 1 and 2: the tracker and the peer's agent),
/// generic over the implementation under test.
///
/// Each exercise is graded on its own: the tracker faces grader-owned probe peers, the agent a grader-owned
/// stub tracker. Tracker answers are checked message by message against ``RegistryOracle``.
public enum TrackerScenarios {
    /// The exercises of steps 1 and 2, as the runner lists them.
    public static let exercises: [LabDescriptor.Exercise] = [
        .init(id: "1.1", title: "Tracker registry: JOIN, HEARTBEAT, UPDATE, LEAVE"),
        .init(id: "1.2", title: "Tracker search: matching files with their holders"),
        .init(id: "2.1", title: "Expiry: silent peers leave the results, the sweep forgets them"),
        .init(id: "2.2", title: "The peer's agent: join, heartbeat, search once, announce, leave"),
    ]

    /// The control-plane scenarios bound to an implementation of the whole lab.
    public static func all<V: VideoImplementation>(_: V.Type) -> [Scenario] {
        scenarios(tracker: V.Tracker.self, agent: V.Agent.self)
    }

    /// The control-plane scenarios bound to a tracker and an agent (a mutant, or one half of the lab).
    public static func scenarios<T: TrackerNode, A: PeerAgentNode>(tracker: T.Type, agent: A.Type) -> [Scenario] {
        trackerScenarios(tracker) + agentScenarios(agent)
    }

    static func trackerScenarios<T: TrackerNode>(_ tracker: T.Type) -> [Scenario] {
        [
            Scenario(id: "video.1.1-join-leave", lab: "video", exercise: "1.1", points: 2, seeds: 20,
                     summary: "scripted peers join, heartbeat, update, leave and speak unregistered; 20 % duplicated: every message gets exactly its answer") { seed in
                try joinsAndLeaves(tracker, seed: seed)
            },
            Scenario(id: "video.1.1-registry-under-faults", lab: "video", exercise: "1.1", points: 3, seeds: 100,
                     summary: "6 random peers, 25 % loss, 20 % duplication, reordering, a peer and the tracker crash and restart: every answer right") { seed in
                try keepsRegistryUnderFaults(tracker, seed: seed)
            },
            Scenario(id: "video.1.2-search-exact", lab: "video", exercise: "1.2", points: 3, seeds: 20,
                     needs: ["1.1", "2.1"],
                     summary: "exact answers at chosen times: case, substrings, grouping by content, sort order, re-JOIN, UPDATE after a download, LEAVE") { seed in
                try answersSearchesExactly(tracker, seed: seed)
            },
            Scenario(id: "video.1.2-search-under-faults", lab: "video", exercise: "1.2", points: 2, seeds: 100,
                     needs: ["1.1", "2.1"],
                     summary: "searches every 100 ms, 25 % loss, duplication, reordering, late joiners, a tracker restart: every answer right") { seed in
                try answersSearchesUnderFaults(tracker, seed: seed)
            },
            Scenario(id: "video.2.1-expiry-timing", lab: "video", exercise: "2.1", points: 2, seeds: 20,
                     needs: ["1.1", "1.2"],
                     summary: "a peer crashes silently: listed while heard within the ttl, gone after it, unknown after ttl + sweep period, back on re-JOIN") { seed in
                try expiresSilentPeers(tracker, seed: seed)
            },
            Scenario(id: "video.2.1-expiry-under-faults", lab: "video", exercise: "2.1", points: 2, seeds: 100,
                     needs: ["1.1", "1.2"],
                     summary: "peers crash silently, restart late, heartbeats get lost, the tracker restarts: results list exactly the live holders") { seed in
                try expiresUnderFaults(tracker, seed: seed)
            },
        ]
    }

    static func agentScenarios<A: PeerAgentNode>(_ agent: A.Type) -> [Scenario] {
        [
            Scenario(id: "video.2.2-join-and-heartbeat", lab: "video", exercise: "2.2", points: 1, seeds: 20,
                     summary: "JOIN on start, sent again every retry until JOINED; joined reported once; then a heartbeat every ttl/3") { seed in
                try joinsAndHeartbeats(agent, seed: seed)
            },
            Scenario(id: "video.2.2-search-once-under-faults", lab: "video", exercise: "2.2", points: 2, seeds: 100,
                     summary: "6 searches, 25 % loss and duplication, delays past the retry: each retried and reported exactly once with its own hits") { seed in
                try searchesOnce(agent, seed: seed)
            },
            Scenario(id: "video.2.2-rejoin-after-tracker-restart", lab: "video", exercise: "2.2", points: 2, seeds: 100,
                     summary: "the tracker restarts and forgets the peer: UNKNOWN-PEER, JOIN again with the downloaded files, joined reported again") { seed in
                try rejoinsAfterTrackerRestart(agent, seed: seed)
            },
            Scenario(id: "video.2.2-announce-and-leave", lab: "video", exercise: "2.2", points: 1, seeds: 20,
                     summary: "a downloaded file reaches the tracker despite 20 % loss and a lost first UPDATE; after LEAVE no JOIN, HEARTBEAT or UPDATE") { seed in
                try announcesAndLeaves(agent, seed: seed)
            },
        ]
    }
}
