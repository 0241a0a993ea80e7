import ZapsZapKit

/// Lab 3 — zapszap (after video and deposit, in the course order of KIT-DESIGN.md): the graded scenarios of
/// the serverless encrypted group chat. All but one run the member type under test in the simulator, 200
/// seeds each; the live one runs members as real `labrunner node zapszap` processes on loopback.
///
/// The graders hold no cipher: exercises 1.1 and 2.1 (the member type's static `seal` and `open`) are checked
/// against datagrams recorded from the reference (``DatagramVectors``); from then on, probes seal what they send
/// with the implementation's own `seal`, and checks open what members send with its own `open` (2.2 and every
/// scenario of steps 3–6). Steps 1 and 2 face grader-owned probes only; from step 3 on, several members under
/// test talk to each other while probes and an attacker join in. Each step's scenarios need only the
/// exercises of that step and the steps before it.
public enum ZapsZapScenarios {
    /// The exercises, as the runner lists them.
    public static let exercises: [LabDescriptor.Exercise] = [
        .init(id: "1.1", title: "Seal a datagram: epoch, nonce, header as associated data"),
        .init(id: "2.1", title: "Open a datagram; refuse forged, cut and outsider ones"),
        .init(id: "2.2", title: "Refuse replays: a replay window per sender"),
        .init(id: "3.1", title: "Lamport clock: tick on send, max + 1 on receive"),
        .init(id: "3.2", title: "One total order, no duplicates, late messages marked"),
        .init(id: "3.3", title: "Save every message; restore the history on start"),
        .init(id: "4.1", title: "What the other lacks: pages from a version vector"),
        .init(id: "4.2", title: "Answer a hello: members, missing messages, ask back"),
        .init(id: "5.1", title: "Answer a digest with only what is missing"),
        .init(id: "5.2", title: "Anti-entropy rounds: converge under loss, partitions, crashes"),
        .init(id: "6.1", title: "Presence: heartbeats, online and offline"),
        .init(id: "6.2", title: "Leave: goodbye, shown offline at once"),
    ]

    /// The lab as the runner shows it, bound to the member type `Peer` and to `processes`, which run the same code.
    public static func lab<Peer: ChatPeerNode>(_ peer: Peer.Type, processes: NodeProcesses) -> LabDescriptor {
        LabDescriptor(id: "zapszap", number: 3, title: "Serverless encrypted group chat over UDP", exercises: exercises,
                      scenarios: all(peer, processes: processes))
    }

    /// Every scenario: the simulated ones bound to `Peer`, then the live one starting `processes`, which must
    /// run the same code (the student's or the reference).
    public static func all<Peer: ChatPeerNode>(_ peer: Peer.Type, processes: NodeProcesses) -> [Scenario] {
        simulated(peer) + [live(processes)]
    }

    /// The scenarios that run the member type `Peer` in the simulator: the student's, the reference, or a mutant.
    public static func simulated<Peer: ChatPeerNode>(_ peer: Peer.Type) -> [Scenario] {
        [
            Scenario(id: "zapszap.1.1-sealed-datagrams", lab: "zapszap", exercise: "1.1", points: 5, seeds: 200,
                     summary: "seal gives the recorded datagrams byte for byte; a member greets two probes, crashing and restarting twice: every datagram is its hello sealed under its own header, each start from counter 0 in a higher epoch; no nonce repeats") { seed in
                try sealsDatagrams(peer, seed: seed)
            },
            Scenario(id: "zapszap.2.1-refuse-forgeries", lab: "zapszap", exercise: "2.1", points: 3, seeds: 200,
                     needs: ["1.1"],
                     summary: "open gives the recorded datagrams' headers and payloads; flipped, cut, re-headed, garbled, other-group, outsider and mis-sealed datagrams: each refused for the right reason, by open and by a member, which counts them") { seed in
                try refusesForgeries(peer, seed: seed)
            },
            Scenario(id: "zapszap.2.2-replays", lab: "zapszap", exercise: "2.2", points: 2, seeds: 200,
                     needs: ["1.1", "2.1"],
                     summary: "30 % duplication, reordering, an attacker replaying captured datagrams, a sender restarting, a counter a window too old: first copies accepted, every other copy, older epoch and too-old counter refused as replayed") { seed in
                try refusesReplays(peer, seed: seed)
            },
            Scenario(id: "zapszap.2.2-window-memory", lab: "zapszap", exercise: "2.2", points: 1, seeds: 200,
                     needs: ["1.1", "2.1"],
                     summary: "a sender that talks for 2.5 windows' worth of datagrams: every one accepted, and the replay windows never remember more than 2 × replayWindow counters") { seed in
                try boundsWindowMemory(peer, seed: seed)
            },
            Scenario(id: "zapszap.3.1-causal-order", lab: "zapszap", exercise: "3.1", points: 4, seeds: 200,
                     needs: ["1.1", "2.1", "2.2", "3.2", "3.3"],
                     summary: "3–5 members chat and reply with duplication and reordering while a probe's clock runs far ahead: no message sorts before one its author had seen; identical histories") { seed in
                try ordersCausally(peer, seed: seed)
            },
            Scenario(id: "zapszap.3.2-order-and-dedup", lab: "zapszap", exercise: "3.2", points: 4, seeds: 200,
                     needs: ["1.1", "2.1", "2.2", "3.1", "3.3"],
                     summary: "messages arriving shuffled, twice, in pages, with equal timestamps and gaps: exactly the right shows and late notices, no duplicate, the exact Lamport clock") { seed in
                try ordersAndDeduplicates(peer, seed: seed)
            },
            Scenario(id: "zapszap.3.3-restart", lab: "zapszap", exercise: "3.3", points: 3, seeds: 200,
                     needs: ["1.1", "2.1", "2.2", "3.1", "3.2"],
                     summary: "a member crashes and restarts twice while chatting: its history comes back whole, its numbering and clock go on, nothing is shown twice") { seed in
                try survivesRestarts(peer, seed: seed)
            },
            Scenario(id: "zapszap.4.1-pages", lab: "zapszap", exercise: "4.1", points: 3, seeds: 200,
                     needs: ["1.1", "2.1", "2.2", "3.1", "3.2", "3.3", "4.2"],
                     summary: "hellos with chosen digests to a member holding ~120 messages: the members, exactly the missing messages in bounded pages, and its own digest back when the other holds more") { seed in
                try answersHellosWithPages(peer, seed: seed)
            },
            Scenario(id: "zapszap.4.2-late-joiner", lab: "zapszap", exercise: "4.2", points: 3, seeds: 200,
                     needs: ["1.1", "2.1", "2.2", "3.1", "3.2", "3.3", "4.1"],
                     summary: "a member joins after 40–80 messages, knowing one member: it catches up on hello, learns the group, and its messages reach everyone") { seed in
                try catchesUpLateJoiner(peer, seed: seed)
            },
            Scenario(id: "zapszap.5.1-answers", lab: "zapszap", exercise: "5.1", points: 2, seeds: 200,
                     needs: ["1.1", "2.1", "2.2", "3.1", "3.2", "3.3", "4.1", "4.2"],
                     summary: "sync requests behind, ahead, equal, with a gap, with and without reciprocate: exact answers, and nothing at all when in sync") { seed in
                try answersDigests(peer, seed: seed)
            },
            Scenario(id: "zapszap.5.2-converge-under-loss", lab: "zapszap", exercise: "5.2", points: 2, seeds: 200,
                     needs: ["1.1", "2.1", "2.2", "3.1", "3.2", "3.3", "4.1", "4.2", "5.1"],
                     summary: "3–5 members, 30 % loss, duplication, reordering, a partition: identical histories once the network heals; then a round costs one small digest") { seed in
                try convergesUnderLoss(peer, seed: seed)
            },
            Scenario(id: "zapszap.5.2-chaos", lab: "zapszap", exercise: "5.2", points: 3, seeds: 200,
                     needs: ["1.1", "2.1", "2.2", "3.1", "3.2", "3.3", "4.1", "4.2", "5.1"],
                     summary: "4–8 members, loss, partitions, crashes, a late joiner, an outsider with the wrong passphrase, an attacker replaying and forging: convergence, nothing read or injected, every forgery refused, no nonce reused") { seed in
                try survivesChaos(peer, seed: seed)
            },
            Scenario(id: "zapszap.5.2-rumours", lab: "zapszap", exercise: "5.2", points: 1, seeds: 200,
                     needs: ["1.1", "2.1", "2.2", "3.1", "3.2", "3.3", "4.1", "4.2", "5.1"],
                     summary: "an insider lists three times more made-up members than a member keeps, to everyone, through 30 % loss: convergence; no round to a name only rumoured; no member sends to more names than it keeps") { seed in
                try ignoresRumours(peer, seed: seed)
            },
            Scenario(id: "zapszap.6.1-presence", lab: "zapszap", exercise: "6.1", points: 3, seeds: 200,
                     needs: ["1.1", "2.1", "2.2", "3.1", "4.1", "4.2", "5.1", "5.2"],
                     summary: "heartbeats under 20 % loss, a member crashing and returning, a late joiner known to one: online and offline shown exactly at the presence checks, and the group learns the newcomer") { seed in
                try showsPresence(peer, seed: seed)
            },
            Scenario(id: "zapszap.6.2-leave", lab: "zapszap", exercise: "6.2", points: 1, seeds: 200,
                     needs: ["1.1", "2.1", "2.2", "3.1", "4.1", "4.2", "5.1", "5.2", "6.1"],
                     summary: "a member leaves: goodbye sent once, nothing after; the others show it offline when the goodbye arrives") { seed in
                try leavesCleanly(peer, seed: seed)
            },
        ]
    }

    /// The scenario that runs three members as real processes of `processes` (never a mutant: a mutant is a
    /// type in this process, and `labrunner node` runs only the student's code or the reference).
    public static func live(_ processes: NodeProcesses) -> Scenario {
        Scenario(id: "zapszap.5.2-live-udp", lab: "zapszap", exercise: "5.2", points: 2, seeds: 1, mode: .live,
                 needs: ["1.1", "2.1", "2.2", "3.1", "3.2", "3.3", "4.1", "4.2", "5.1"],
                 summary: "three members as real processes (labrunner node zapszap) on loopback, 20 % loss each, chat at once through their prompts: within 20 s all hold the same 9 messages in the same order") { seed in
            try await convergeAsProcesses(processes, seed: seed)
        }
    }
}
