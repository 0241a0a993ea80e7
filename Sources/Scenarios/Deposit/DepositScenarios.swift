import DepositKit

/// Lab 2 — deposit: the graded scenarios of the replicated file deposit. All but one run the server type under
/// test in the simulator, 200 seeds each, beside the given client (``DepositClient``) and grader-owned probes;
/// the live one runs four servers and their clients as real processes.
///
/// Invariants are checked after every simulated event (``DepositOracle``): no acknowledged file becomes
/// unreadable while fewer than k servers are down, an **ok** means k distinct servers hold a verified copy and
/// the record durably, a **failed** deposit never appears, no blob's content differs from its name, and no
/// client is shown another's file. Steps 1–5 run with repair off (`repairs: false`), so each is graded before
/// step 6 is written; each scenario needs only the exercises its runs reach.
public enum DepositScenarios {
    /// The exercises, as the runner lists them.
    public static let exercises: [LabDescriptor.Exercise] = [
        .init(id: "1.1", title: "Identity: issue random ids the whole cluster knows"),
        .init(id: "2.1", title: "Placement: rendezvous hashing over the live servers"),
        .init(id: "3.1", title: "Deposit: refuse what cannot be kept, pull the bytes"),
        .init(id: "3.2", title: "Verified copies: keep only the declared bytes"),
        .init(id: "3.3", title: "The acknowledgement rule: k durable copies, then ok"),
        .init(id: "4.1", title: "Recover from any server; list only your own files"),
        .init(id: "5.1", title: "The same file again: change the copies, send no bytes"),
        .init(id: "6.1", title: "Repair: back to k copies after any failure"),
    ]

    /// The time limit of the repair scenarios, each of whose seeds runs 15–40 s of virtual time with five
    /// servers: 200 of them take 60–72 s in a debug build on an idle 2-core machine, so they get twice the default.
    static let slowTimeLimit = Duration.seconds(240)

    /// The lab as the runner shows it, bound to the server type `Server` and to `processes`, which run the same code.
    public static func lab<Server: DepositServerNode>(_ server: Server.Type, processes: NodeProcesses) -> LabDescriptor {
        LabDescriptor(id: "deposit", number: 2, title: "Replicated file deposit", exercises: exercises,
                      scenarios: all(server, processes: processes))
    }

    /// Every scenario: the simulated ones bound to `Server`, then the live one starting `processes`, which must
    /// run the same code (the student's or the reference).
    public static func all<Server: DepositServerNode>(_ server: Server.Type, processes: NodeProcesses) -> [Scenario] {
        simulated(server) + [live(processes)]
    }

    /// The scenarios that run the server type `Server` in the simulator: the student's, the reference, or a mutant.
    public static func simulated<Server: DepositServerNode>(_ server: Server.Type) -> [Scenario] {
        [
            Scenario(id: "deposit.1.1-identity", lab: "deposit", exercise: "1.1", points: 4, seeds: 200,
                     summary: "4–6 clients say hello to 3–4 servers through loss and copies: distinct ids of 128 random bits; each id welcomed back at every server, also after the server that issued it crashed at once; an id no server issued refused") { seed in
                try issuesIdentities(server, seed: seed)
            },
            Scenario(id: "deposit.2.1-placement", lab: "deposit", exercise: "2.1", points: 3, seeds: 200,
                     summary: "rank over 1–8 servers for many owners and names: each server once, the same order whatever the input order, removing a server leaves the others' order, first places spread evenly") { seed in
                try ranksServers(server, seed: seed)
            },
            Scenario(id: "deposit.3.1-refusals", lab: "deposit", exercise: "3.1", points: 3, seeds: 200,
                     needs: ["1.1", "2.1", "3.2", "3.3"],
                     summary: "deposits with an unknown id, bad names, 0 or 6 copies, more copies than live servers, a size over the limit, each sent twice: the typed refusal, the same both times, no byte pulled; then a valid deposit is ok") { seed in
                try refusesDeposits(server, seed: seed)
            },
            Scenario(id: "deposit.3.2-verified-copies", lab: "deposit", exercise: "3.2", points: 4, seeds: 200,
                     needs: ["1.1", "2.1", "3.1"],
                     summary: "a grader-owned coordinator asks each server for copies whose source serves the declared bytes, other bytes, or too few; a client lies about its file's hash: only true copies kept and said stored, the others storeFailed, and no blob ever differs from its name") { seed in
                try verifiesCopies(server, seed: seed)
            },
            Scenario(id: "deposit.3.3-acknowledgement", lab: "deposit", exercise: "3.3", points: 5, seeds: 200,
                     needs: ["1.1", "2.1", "3.1", "3.2"],
                     summary: "two clients deposit 3–6 files with k = 1–3 on 4–5 servers through loss and copies while servers crash and restart: at each ok, k distinct servers hold a verified copy and the record durably; no ok file is ever unreadable while fewer than k servers are down") { seed in
                try acknowledgesDurably(server, seed: seed)
            },
            Scenario(id: "deposit.3.3-costs", lab: "deposit", exercise: "3.3", points: 2, seeds: 200,
                     needs: ["1.1", "2.1", "3.1", "3.2"],
                     summary: "no fault, 4 servers: deposits with k = 1, 2, 3 are ok, each moving at most 1.05 × the ideal bytes (the upload once, one copy to each other server that should hold it) in at most 2 + 4k + 4(n − 1) control messages") { seed in
                try depositsWithinBudget(server, seed: seed)
            },
            Scenario(id: "deposit.4.1-recover-anywhere", lab: "deposit", exercise: "4.1", points: 4, seeds: 200,
                     needs: ["1.1", "2.1", "3.1", "3.2", "3.3"],
                     summary: "a client's files (empty ones too) recovered through every server, holders or not, and again after a holder of each 2-copy file crashed: the right bytes each time; its list shows each file with k and its live copies") { seed in
                try recoversAnywhere(server, seed: seed)
            },
            Scenario(id: "deposit.4.1-isolation", lab: "deposit", exercise: "4.1", points: 3, seeds: 200,
                     needs: ["1.1", "2.1", "3.1", "3.2", "3.3"],
                     summary: "two clients, some file names in common: each lists only its own files, recovering the other's names is notFound, and depositing under a name the other uses changes nothing of the other's file") { seed in
                try isolatesClients(server, seed: seed)
            },
            Scenario(id: "deposit.5.1-same-file", lab: "deposit", exercise: "5.1", points: 4, seeds: 200,
                     needs: ["1.1", "2.1", "3.1", "3.2", "3.3", "4.1"],
                     summary: "the same file deposited again and its count changed up and down, then a new version, deposited twice: the same name and hash again (a new count or a retry) sends no byte, every ok holds its new count, an unknown name is notFound, the new version replaces the old") { seed in
                try changesReplicas(server, seed: seed)
            },
            Scenario(id: "deposit.5.1-costs", lab: "deposit", exercise: "5.1", points: 2, seeds: 200,
                     needs: ["1.1", "2.1", "3.1", "3.2", "3.3"],
                     summary: "no fault, 4 servers: a file's count raised from 1 to 3, then lowered to 1: each change ok, moving at most 1.05 × the ideal bytes between servers (two new copies, then none) in at most 2 + 4k + 4(n − 1) control messages") { seed in
                try changesWithinBudget(server, seed: seed)
            },
            Scenario(id: "deposit.6.1-repair", lab: "deposit", exercise: "6.1", points: 4, seeds: 200, timeLimit: slowTimeLimit,
                     needs: ["1.1", "2.1", "3.1", "3.2", "3.3", "4.1", "5.1"],
                     summary: "5 servers keep 4–8 files at k = 2–3; one holder is killed: within 5 s of its detection every file is back at k live copies, moving at most 1.05 × the bytes it held") { seed in
                try repairsAfterCrash(server, seed: seed)
            },
            Scenario(id: "deposit.6.1-rejoin", lab: "deposit", exercise: "6.1", points: 3, seeds: 200, timeLimit: slowTimeLimit,
                     needs: ["1.1", "2.1", "3.1", "3.2", "3.3", "4.1", "5.1"],
                     summary: "a server comes back after its files were repaired, one changed its count and one got a new version: it reconciles, so each current file has exactly k copies and no old version is left") { seed in
                try reconcilesOnRejoin(server, seed: seed)
            },
            Scenario(id: "deposit.6.1-chaos", lab: "deposit", exercise: "6.1", points: 3, seeds: 200, timeLimit: slowTimeLimit,
                     needs: ["1.1", "2.1", "3.1", "3.2", "3.3", "4.1", "5.1"],
                     summary: "5 servers, loss, copies, partitions that heal, one server at a time crashing and returning while two clients deposit and change counts: every invariant after every event; once calm, exactly k copies of every file and every ok recovered") { seed in
                try survivesChaos(server, seed: seed)
            },
        ]
    }
}
