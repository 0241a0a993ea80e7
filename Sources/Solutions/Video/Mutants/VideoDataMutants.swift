import VideoKit

/// The video lab's data-plane mutants: each replaces one role of the reference solution, and the scenarios listed
/// must catch it (each of them fails). Run them with `DataPlaneScenarios.all(_:replacing:)`.
public enum VideoDataMutants {
    /// Each mutant: its name, the role it replaces, and the scenarios that must each fail on it.
    public static let all: [(name: String, replaces: DataPlaneRole, caughtBy: [String])] = [
        ("video: responder trusts any name in its library", .responder(TrustingResponder.self), ["video.3.1-hostile-requests"]),
        ("video: responder serves chunk indexes past the end", .responder(UnboundedIndexResponder.self), ["video.3.1-hostile-requests"]),
        ("video: responder sends a whole chunk for the short last one", .responder(FullLastChunkResponder.self), ["video.3.1-serve-chunks"]),
        ("video: peer skips chunk verification", .hashing(SkipVerifyHasher.self), ["video.4.2-verify", "video.7.1-corrupt-peer"]),
        ("video: hashing treats the short last chunk as whole", .hashing(FullLastChunkHasher.self),
         ["video.4.1-manifest", "video.4.2-verify", "video.5.2-single-source"]),
        ("video: downloader restarts from zero after a crash", .plan(RestartFromZeroPlan.self), ["video.5.1-resume"]),
        ("video: plan hands out chunks already in flight", .plan(GreedyPlan.self), ["video.6.1-multi-source", "video.6.1-giant"]),
        ("video: plan forgets a failed source's chunks", .plan(ForgetfulPlan.self), ["video.6.2-failover"]),
        ("video: plan never bans a lying peer", .plan(NeverBanPlan.self), ["video.7.1-corrupt-peer"]),
        ("video: finisher renames without checking", .finisher(BlindFinisher.self), ["video.5.2-finish-safely"]),
    ]
}
