import ZapsZapKit

/// The zapszap mutants, and the scenarios that must catch each one (see
/// `Tests/GradedTests/ZapsZapScenarioTests.swift` and `MutantTests.swift`).
public enum ZapsZapMutants {
    /// Each mutant member, with the IDs of the scenarios meant to catch it (each of them must).
    public static let peers: [(name: String, peer: any ChatPeerNode.Type, caughtBy: [String])] = [
        ("zapszap: no dedup", DuplicatingPeer.self, ["zapszap.3.1-causal-order", "zapszap.3.2-order-and-dedup", "zapszap.5.2-chaos"]),
        ("zapszap: clock not advanced to max+1 on receive", LaggingClockPeer.self,
         ["zapszap.3.1-causal-order", "zapszap.3.2-order-and-dedup", "zapszap.4.2-late-joiner", "zapszap.5.2-chaos"]),
        ("zapszap: no + 1 on receive", UntickedReceivePeer.self, ["zapszap.3.1-causal-order", "zapszap.3.2-order-and-dedup"]),
        ("zapszap: sync never repairs old gaps", GapBlindPeer.self,
         ["zapszap.4.1-pages", "zapszap.5.1-answers", "zapszap.5.2-converge-under-loss", "zapszap.5.2-chaos"]),
        ("zapszap: nonce reused after a restart", ForgetfulEpochPeer.self, ["zapszap.1.1-sealed-datagrams", "zapszap.3.3-restart", "zapszap.5.2-chaos"]),
        ("zapszap: no replay window", ReplayBlindPeer.self, ["zapszap.2.2-replays", "zapszap.5.2-chaos"]),
        ("zapszap: replay window with no lower bound", EndlessWindowPeer.self, ["zapszap.2.2-replays"]),
        ("zapszap: replay window that never forgets", HoardingWindowPeer.self, ["zapszap.2.2-window-memory"]),
        ("zapszap: header not sealed as associated data", UnboundHeaderPeer.self, ["zapszap.1.1-sealed-datagrams"]),
        ("zapszap: open accepts any protocol version", VersionBlindPeer.self, ["zapszap.2.1-refuse-forgeries"]),
        ("zapszap: a member once heard stays online for ever", EverOnlinePeer.self, ["zapszap.6.1-presence"]),
        ("zapszap: leaving without a goodbye", SilentLeavePeer.self, ["zapszap.6.2-leave"]),
        ("zapszap: anti-entropy picks names only rumoured", RumourPickingPeer.self, ["zapszap.5.2-rumours"]),
    ]
}
