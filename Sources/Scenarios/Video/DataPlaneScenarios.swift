import VideoKit

/// The graded scenarios of the video lab's data plane (exercises 3.1 to 7.1): real loopback sockets, real
/// files in temporary folders (deleted afterwards), generic over the implementation under test.
///
/// Each scenario grades its exercise with the grader's own parts wherever it can: download scenarios are
/// served by the grader's chunk servers and manifests (so they do not depend on 3.1 and 4.1), and the
/// single-source download uses the grader's plan (so it grades 4.2 and 5.2 before 6.1).
public enum DataPlaneScenarios {
    /// The data-plane exercises, in order, for the lab's descriptor.
    public static let exercises: [LabDescriptor.Exercise] = [
        .init(id: "3.1", title: "Answer manifest and chunk requests; refuse hostile ones"),
        .init(id: "4.1", title: "Build a file's manifest in constant memory"),
        .init(id: "4.2", title: "Verify a chunk against the manifest"),
        .init(id: "5.1", title: "Resume a download from the verified chunks"),
        .init(id: "5.2", title: "Finish a download: check everything, flush, rename"),
        .init(id: "6.1", title: "Hand out chunks across sources"),
        .init(id: "6.2", title: "Requeue the chunks of a failed source"),
        .init(id: "7.1", title: "Ban a peer that sends a corrupt chunk"),
    ]

    /// Every data-plane scenario, bound to `V`'s roles.
    public static func all<V: VideoImplementation>(_: V.Type) -> [Scenario] {
        scenarios(DataPlaneRoles(V.self))
    }

    /// Every data-plane scenario, bound to `V`'s roles with `role` swapped in (a mutant).
    public static func all<V: VideoImplementation>(_: V.Type, replacing role: DataPlaneRole) -> [Scenario] {
        scenarios(DataPlaneRoles(V.self).replacing(role))
    }

    static func scenarios(_ roles: DataPlaneRoles) -> [Scenario] {
        [
            Scenario(id: "video.3.1-serve-chunks", lab: "video", exercise: "3.1", points: 3, seeds: 1, mode: .live,
                     summary: "a chunk server answers manifests and chunks (the short last one too, pipelined requests in order) with the file's exact bytes") { seed in
                try await servesChunks(roles, seed: seed)
            },
            Scenario(id: "video.3.1-hostile-requests", lab: "video", exercise: "3.1", points: 3, seeds: 1, mode: .live,
                     summary: "names with .., /, NUL, hidden or empty names, unknown files and indexes past the end are refused; garbage and oversized frames close only their connection; serving goes on") { seed in
                try await refusesHostileRequests(roles, seed: seed)
            },
            Scenario(id: "video.4.1-manifest", lab: "video", exercise: "4.1", points: 3, seeds: 1, mode: .live,
                     summary: "manifests of empty, tiny, exact and odd-sized files, in chunks of 1 MiB, 64 KiB and 1000 bytes, match the grader's") { seed in
                try await buildsManifests(roles, seed: seed)
            },
            Scenario(id: "video.4.2-verify", lab: "video", exercise: "4.2", points: 2, seeds: 1, mode: .live,
                     summary: "isValid accepts exactly the right bytes: a flipped byte, a byte too few or too many, another chunk's bytes or a bad index are rejected") { seed in
                try await verifiesChunks(roles, seed: seed)
            },
            Scenario(id: "video.5.1-resume", lab: "video", exercise: "5.1", points: 4, seeds: 1, mode: .live,
                     needs: ["3.1", "4.2", "5.2", "6.1"],
                     summary: "a download stopped at 40 % and run again completes identical, fetching at most 2 chunks more than what was missing") { seed in
                try await resumes(roles, seed: seed)
            },
            Scenario(id: "video.5.2-single-source", lab: "video", exercise: "5.2", points: 3, seeds: 1, mode: .live,
                     needs: ["3.1", "4.2"],
                     summary: "a 24 MiB file with a short last chunk, from one peer, ends identical under its final name with no .part left") { seed in
                try await downloadsFromOneSource(roles, seed: seed)
            },
            Scenario(id: "video.5.2-finish-safely", lab: "video", exercise: "5.2", points: 2, seeds: 1, mode: .live,
                     needs: ["3.1"],
                     summary: "a .part with one bad byte is refused and nothing appears under the final name; an unwritable downloads folder is a clear error") { seed in
                try await finishesSafely(roles, seed: seed)
            },
            Scenario(id: "video.6.1-multi-source", lab: "video", exercise: "6.1", points: 3, seeds: 1, mode: .live,
                     needs: ["3.1", "4.2", "5.1", "5.2"],
                     summary: "a 48 MiB file from 3 peers: every peer serves chunks, no chunk is fetched twice, the file is identical") { seed in
                try await downloadsFromThreeSources(roles, seed: seed)
            },
            Scenario(id: "video.6.1-giant", lab: "video", exercise: "6.1", points: 2, seeds: 1, mode: .live,
                     needs: ["3.1", "4.2", "5.1", "5.2"],
                     summary: "a 256 MiB file from 3 peers in constant memory: identical, every peer used, nothing fetched twice") { seed in
                try await downloadsGiantFile(roles, seed: seed)
            },
            Scenario(id: "video.6.2-failover", lab: "video", exercise: "6.2", points: 2, seeds: 1, mode: .live,
                     needs: ["3.1", "4.2", "5.1", "5.2", "6.1"],
                     summary: "one of 3 peers is killed at 30 % mid-transfer: the download completes from the others") { seed in
                try await survivesSourceDeath(roles, seed: seed)
            },
            Scenario(id: "video.7.1-corrupt-peer", lab: "video", exercise: "7.1", points: 3, seeds: 1, mode: .live,
                     needs: ["3.1", "4.2", "5.1", "5.2", "6.1"],
                     summary: "a lying peer among 3 corrupts chunks: the file arrives intact and the plan gives the liar no chunk once told of its bad chunk") { seed in
                try await bansLiar(roles, seed: seed)
            },
        ]
    }
}
