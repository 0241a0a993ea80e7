import Catalog
import Foundation
@testable import LabRunnerCLI
import Testing

/// The runner's exact output and exit status for help, mistakes and the quick commands.
@Suite struct CommandLineTests {
    @Test("no arguments prints the overview and exits 2; --help exits 0")
    func overview() async {
        let bare = await runner([])
        #expect(bare.status == 2)
        #expect(bare.out == Help.overview)
        let help = await runner(["--help"])
        #expect(help.status == 0)
        #expect(help.out.hasPrefix("labrunner — run, grade and benchmark the labs"))
    }

    @Test("grade --help reads exactly as documented")
    func gradeHelp() async {
        let result = await runner(["grade", "--help"])
        #expect(result.status == 0)
        #expect(result.out == """
        Usage: labrunner grade [LAB] [options]

        Runs the graded scenarios (all labs, or LAB) and prints the score table. Exits 0 only if every
        scenario passed. A failure names its exercise, what was expected and observed, its seed, the command
        that replays it, the trace (JSONL) and space-time diagram (SVG) of the failing run, and the command
        that writes its interactive page ('labrunner view'). A scenario that runs an unwritten exercise it
        needs says so: "needs video exercise 4.2, not implemented yet".

        Options:
          --exercise X.Y       only the scenarios of exercise X.Y of LAB (or LAB.X.Y, e.g. ping.2.2)
          --scenario ID        only this scenario
          --seed N             with --scenario: replay exactly this seed and write its trace
          --runs N             rerun each simulated scenario on N fresh seeds and print failure rates
          --impl WHICH         student (Sources/Labs) or solution (Sources/Solutions)
          --json FILE          also write the results as JSON
          --traces DIR         where failing runs' traces go (default: traces)
          --mutant NAME        grade a mutant or hazard of the reference instead (not in the handout)
          --without X.Y,...    with LAB and --impl solution: take these exercises out of the reference, as if
                               not written yet, to see which scenarios need them (not in the handout)

        Scenarios run in a worker process: a trap, an endless loop or runaway memory (over 4 GiB, or
        $LABRUNNER_MEMORY_LIMIT_MIB) fails that scenario ("trapped", "timed out after N s") and grading goes on.
        """)
    }

    @Test("node --help lists the roles and every node option")
    func nodeHelp() async {
        let result = await runner(["node", "--help"])
        #expect(result.status == 0)
        #expect(result.out.contains("  ping client          sends pings one at a time, retries, reports round trips (needs --server)\n"))
        #expect(result.out.hasSuffix("""
          --verbose            print every message sent and received, and every timer
          --impl WHICH         student (Sources/Labs) or solution (Sources/Solutions)
        """))
    }

    @Test("every command answers --help with its own text", arguments: LabRunner.commands.map(\.spec.name))
    func commandHelp(_ name: String) async throws {
        let result = await runner([name, "--help"])
        let spec = try #require(LabRunner.commands.first { $0.spec.name == name }?.spec)
        #expect(result.status == 0)
        #expect(result.out == spec.help)
        #expect(result.out.hasPrefix("Usage: labrunner \(name)"))
    }

    @Test("mistakes print one line with a hint and exit 2", arguments: [
        (["frobnicate"], "error: unknown command 'frobnicate' (see 'labrunner --help')"),
        (["grade", "--bogus"], "error: unknown option '--bogus' (see 'labrunner grade --help')"),
        (["grade", "nolab"], "error: unknown lab 'nolab' (labs: ping, video, deposit, zapszap, messaging) (see 'labrunner grade --help')"),
        (["grade", "--seed", "3"], "error: --seed replays one scenario: add --scenario ID (see 'labrunner grade --help')"),
        (["grade", "--impl", "teacher"], "error: unknown implementation 'teacher' (use student or solution) (see 'labrunner grade --help')"),
        (["grade", "--runs", "0"], "error: option '--runs' needs a whole number from 1 to 1000000, not '0' (see 'labrunner grade --help')"),
        (["node", "ping"], "error: node ping needs a role: server, client (e.g. 'node ping server') (see 'labrunner node --help')"),
        (["node", "messaging"], "error: node messaging needs a role: processor, store, bob, alice (e.g. 'node messaging processor') (see 'labrunner node --help')"),
        (["node", "ping", "client"], "error: the ping client needs --server HOST:PORT (see 'labrunner node --help')"),
        (["node", "ping", "router"], "error: ping has no role 'router' (roles: server, client) (see 'labrunner node --help')"),
        (["node", "ping", "server", "--drop", "2"], "error: option '--drop' needs a probability from 0 to 1, not '2' (see 'labrunner node --help')"),
        (["node", "ping", "server", "--delay", "9..3"], "error: --delay needs MIN..MAX such as 10ms..80ms, not '9..3' (see 'labrunner node --help')"),
        (["demo"], "error: demo needs a lab, e.g. 'demo ping' (see 'labrunner demo --help')"),
        (["node", "zapszap", "--group", "g"], "error: a zapszap member needs --name NAME (see 'labrunner node --help')"),
        (["node", "zapszap", "member"], "error: a zapszap member has no role: 'node zapszap --name NAME --group G' (see 'labrunner node --help')"),
        (["grade", "--exercise", "2.2"], "error: exercise 2.2 is in ping, video, zapszap, messaging: say which lab, e.g. 'grade ping --exercise 2.2' or '--exercise ping.2.2' (see 'labrunner grade --help')"),
        (["node", "video", "seeder"], "error: video has no role 'seeder' (roles: tracker, peer) (see 'labrunner node --help')"),
        (["node", "ping", "server", "--count", "3"], "error: --count is an option of ping client, not of ping server (see 'labrunner node --help')"),
        (["node", "zapszap", "--name", "a", "--tracker", "h:1"], "error: --tracker is an option of video peer, not of zapszap member (see 'labrunner node --help')"),
        (["node", "deposit", "server"], "error: a deposit server needs --store DIR: its files and catalog live there, and survive a restart (see 'labrunner node --help')"),
        (["node", "deposit", "server", "--store", "s1", "--peer", "127.0.0.1:7002"], "error: --peer 127.0.0.1:7002 needs the server's name: --peer NAME=HOST:PORT (NAME is that server's --id) (see 'labrunner node --help')"),
        (["node", "deposit", "client"], "error: a deposit client needs --server NAME=HOST:PORT (repeatable: it moves on when one dies) (see 'labrunner node --help')"),
        (["node", "deposit", "client", "--server", "127.0.0.1:7001"], "error: --server needs NAME=HOST:PORT, NAME being that server's --id (e.g. s1=127.0.0.1:7001), not '127.0.0.1:7001' (see 'labrunner node --help')"),
        (["node", "deposit", "client", "--server", "s1=127.0.0.1:7001", "--id", "42"], "error: --id '42' is not a client id: one looks like 3f2a9c1e-07b4-4d5e-9a10-6c2f8e41b7d3 (see 'labrunner node --help')"),
        (["node", "deposit", "client", "--server", "s1=127.0.0.1:7001", "--do", "deposit"], "error: --do 'deposit': deposit needs one path: deposit PATH [--replicas K] [--as NAME] (see 'labrunner node --help')"),
        (["node", "ping", "client", "--server", "127.0.0.1:1", "--server", "127.0.0.1:2"], "error: option '--server' was given twice (see 'labrunner node --help')"),
        (["node", "nolab", "x"], "error: unknown lab 'nolab' (labs: ping, video, deposit, zapszap, messaging) (see 'labrunner node --help')"),
        (["demo", "nolab"], "error: unknown lab 'nolab' (labs: ping, video, deposit, zapszap, messaging) (see 'labrunner demo --help')"),
        (["node", "video", "peer"], "error: a video peer needs --tracker HOST:PORT (see 'labrunner node --help')"),
        (["node", "video", "peer", "--tracker", "h:1", "--search", "a", "--download", "b"], "error: give --search or --download, not both (see 'labrunner node --help')"),
        (["demo", "video", "--size", "huge"], "error: option '--size' needs a size such as 256MiB, 1GiB or 500MB, not 'huge' (see 'labrunner demo --help')"),
        (["bench", "disk"], "error: nothing to bench named 'disk' (subjects: net, video, deposit, zapszap, messaging) (see 'labrunner bench --help')"),
        (["handout"], "error: missing --out DIR (see 'labrunner handout --help')"),
        (["rsa"], "error: rsa needs an action: keygen, encrypt or decrypt (see 'labrunner rsa --help')"),
        (["rsa", "sign"], "error: no rsa action 'sign' (actions: keygen, encrypt, decrypt) (see 'labrunner rsa --help')"),
        (["rsa", "keygen"], "error: rsa keygen needs --out DIR (see 'labrunner rsa --help')"),
        (["rsa", "keygen", "--out", "k", "--bits", "1023"], "error: --bits must be even: a key is two primes of half its size (see 'labrunner rsa --help')"),
        (["rsa", "encrypt"], "error: rsa encrypt needs --key FILE (the public key's PEM) (see 'labrunner rsa --help')"),
        (["view"], "error: view needs a trace, e.g. 'view traces/ping.1.1-answer.seed1.jsonl' (see 'labrunner view --help')"),
        (["view", "traces/x.seed1.svg"], "error: view reads the trace, not a drawing of it: try 'traces/x.seed1.jsonl' (see 'labrunner view --help')"),
        (["view", "a.jsonl", "b.jsonl"], "error: unexpected argument 'b.jsonl' (see 'labrunner view --help')"),
        (["node", "messaging", "relay"], "error: messaging has no role 'relay' (roles: processor, store, bob, alice) (see 'labrunner node --help')"),
        (["node", "messaging", "processor"], "error: a messaging processor needs --store DIR: its term and log live there, and survive a restart (see 'labrunner node --help')"),
        (["node", "messaging", "processor", "--store", "p1"], "error: a messaging processor needs --key FILE: Alice's private key (PEM, as 'labrunner rsa keygen' writes it) (see 'labrunner node --help')"),
        (["node", "messaging", "processor", "--store", "p1", "--store", "p2"], "error: option '--store' was given twice (see 'labrunner node --help')"),
        (["node", "messaging", "store"], "error: a messaging store needs --store DIR: its log lives there, and survives a restart (see 'labrunner node --help')"),
        (["node", "messaging", "store", "--store", "s1", "--peer", "127.0.0.1:7202"], "error: --peer 127.0.0.1:7202 needs the server's name: --peer NAME=HOST:PORT (NAME is that server's --id) (see 'labrunner node --help')"),
        (["node", "messaging", "store", "--store", "s1", "--key", "k.pem"], "error: --key is an option of messaging processor, not of messaging store (see 'labrunner node --help')"),
        (["node", "messaging", "bob"], "error: bob needs every processor (--processor NAME=HOST:PORT) and every store (--store NAME=HOST:PORT), each repeatable: bob moves on when one dies (see 'labrunner node --help')"),
        (["node", "messaging", "alice", "--processor", "127.0.0.1:7101", "--store", "s1=127.0.0.1:7201"], "error: --processor needs NAME=HOST:PORT, NAME being that server's --id (e.g. p1=127.0.0.1:7101), not '127.0.0.1:7101' (see 'labrunner node --help')"),
        (["node", "messaging", "alice", "--processor", "p1=127.0.0.1:7101", "--store", "s1=127.0.0.1:99999"], "error: --store '127.0.0.1:99999': \"127.0.0.1:99999\" is not a valid address: the port 99999 is not between 0 and 65535 (see 'labrunner node --help')"),
        (["node", "messaging", "bob", "--processor", "p1=127.0.0.1:7101", "--store", "s1=127.0.0.1:7201", "--peer", "p2=127.0.0.1:7102"], "error: bob knows the servers by --processor and --store, not --peer (see 'labrunner node --help')"),
        (["node", "messaging", "bob", "--processor", "p1=127.0.0.1:7101", "--store", "s1=127.0.0.1:7201", "--mailbox", String(repeating: "m", count: 65)], "error: --mailbox needs a name of 1 to 64 bytes (see 'labrunner node --help')"),
        (["node", "messaging", "bob", "--processor", "p1=127.0.0.1:7101", "--store", "s1=127.0.0.1:7201", "--key", "k.pem"], "error: --key is an option of messaging processor, not of messaging bob (see 'labrunner node --help')"),
        (["grade", "video", "--without", "4.2", "--impl", "student"], "error: --without takes exercises out of the reference solution: use it with --impl solution (see 'labrunner grade --help')"),
    ])
    func mistakes(_ arguments: [String], _ message: String) async {
        let result = await runner(arguments)
        #expect(result.status == 2)
        #expect(result.err == message)
        #expect(result.out.isEmpty)
    }

    @Test("--without withholds exercises of one lab, and says which there are", .enabled(if: Catalog.hasSolutions, "needs the reference solution"), arguments: [
        (["grade", "--without", "4.2", "--impl", "solution"], "error: --without names exercises of one lab: say which, e.g. 'grade video --without 4.2' (see 'labrunner grade --help')"),
        (["grade", "ping", "--without", "4.2", "--impl", "solution"], "error: --without 4.2: ping has exercises 1.1, 2.1, 2.2, 3.1 (see 'labrunner grade --help')"),
    ])
    func withoutMistakes(_ arguments: [String], _ message: String) async {
        let result = await runner(arguments)
        #expect(result.status == 2)
        #expect(result.err == message)
    }

    @Test("list shows every exercise of every lab with its points", .enabled(if: Catalog.hasSolutions, "needs the reference solution"))
    func list() async {
        let result = await runner(["list", "--impl", "solution"])
        #expect(result.status == 0)
        #expect(result.out == """
        ping — lab 0: Warm-up: PING/PONG with retries (15 points, exercises/ping.md)
          1.1  Answer every PING with a PONG — 2 points, 1 scenario
          2.1  Send the first ping and arm a timeout — 1 point, 1 scenario
          2.2  Retry on timeout, give up after maxAttempts — 7 points, 3 scenarios; graded with exercises 2.1, 3.1
          3.1  Measure the round trip, ignore stale replies — 5 points, 2 scenarios; graded with exercises 1.1, 2.1, 2.2
        video — lab 1: P2P sharing of giant video files through a tracker (50 points, exercises/video.md)
          1.1  Tracker registry: JOIN, HEARTBEAT, UPDATE, LEAVE — 5 points, 2 scenarios
          1.2  Tracker search: matching files with their holders — 5 points, 2 scenarios; graded with exercises 1.1, 2.1
          2.1  Expiry: silent peers leave the results, the sweep forgets them — 4 points, 2 scenarios; graded with exercises 1.1, 1.2
          2.2  The peer's agent: join, heartbeat, search once, announce, leave — 6 points, 4 scenarios
          3.1  Answer manifest and chunk requests; refuse hostile ones — 6 points, 2 scenarios
          4.1  Build a file's manifest in constant memory — 3 points, 1 scenario
          4.2  Verify a chunk against the manifest — 2 points, 1 scenario
          5.1  Resume a download from the verified chunks — 4 points, 1 scenario; graded with exercises 3.1, 4.2, 5.2, 6.1
          5.2  Finish a download: check everything, flush, rename — 5 points, 2 scenarios; graded with exercises 3.1, 4.2
          6.1  Hand out chunks across sources — 5 points, 2 scenarios; graded with exercises 3.1, 4.2, 5.1, 5.2
          6.2  Requeue the chunks of a failed source — 2 points, 1 scenario; graded with exercises 3.1, 4.2, 5.1, 5.2, 6.1
          7.1  Ban a peer that sends a corrupt chunk — 3 points, 1 scenario; graded with exercises 3.1, 4.2, 5.1, 5.2, 6.1
        deposit — lab 2: Replicated file deposit (46 points, exercises/deposit.md)
          1.1  Identity: issue random ids the whole cluster knows — 4 points, 1 scenario
          2.1  Placement: rendezvous hashing over the live servers — 3 points, 1 scenario
          3.1  Deposit: refuse what cannot be kept, pull the bytes — 3 points, 1 scenario; graded with exercises 1.1, 2.1, 3.2, 3.3
          3.2  Verified copies: keep only the declared bytes — 4 points, 1 scenario; graded with exercises 1.1, 2.1, 3.1
          3.3  The acknowledgement rule: k durable copies, then ok — 7 points, 2 scenarios; graded with exercises 1.1, 2.1, 3.1, 3.2
          4.1  Recover from any server; list only your own files — 7 points, 2 scenarios; graded with exercises 1.1, 2.1, 3.1, 3.2, 3.3
          5.1  The same file again: change the copies, send no bytes — 6 points, 2 scenarios; graded with exercises 1.1, 2.1, 3.1, 3.2, 3.3, 4.1
          6.1  Repair: back to k copies after any failure — 12 points, 4 scenarios; graded with exercises 1.1, 2.1, 3.1, 3.2, 3.3, 4.1, 5.1
        zapszap — lab 3: Serverless encrypted group chat over UDP (42 points, exercises/zapszap.md)
          1.1  Seal a datagram: epoch, nonce, header as associated data — 5 points, 1 scenario
          2.1  Open a datagram; refuse forged, cut and outsider ones — 3 points, 1 scenario; graded with exercise 1.1
          2.2  Refuse replays: a replay window per sender — 3 points, 2 scenarios; graded with exercises 1.1, 2.1
          3.1  Lamport clock: tick on send, max + 1 on receive — 4 points, 1 scenario; graded with exercises 1.1, 2.1, 2.2, 3.2, 3.3
          3.2  One total order, no duplicates, late messages marked — 4 points, 1 scenario; graded with exercises 1.1, 2.1, 2.2, 3.1, 3.3
          3.3  Save every message; restore the history on start — 3 points, 1 scenario; graded with exercises 1.1, 2.1, 2.2, 3.1, 3.2
          4.1  What the other lacks: pages from a version vector — 3 points, 1 scenario; graded with exercises 1.1, 2.1, 2.2, 3.1, 3.2, 3.3, 4.2
          4.2  Answer a hello: members, missing messages, ask back — 3 points, 1 scenario; graded with exercises 1.1, 2.1, 2.2, 3.1, 3.2, 3.3, 4.1
          5.1  Answer a digest with only what is missing — 2 points, 1 scenario; graded with exercises 1.1, 2.1, 2.2, 3.1, 3.2, 3.3, 4.1, 4.2
          5.2  Anti-entropy rounds: converge under loss, partitions, crashes — 8 points, 4 scenarios; graded with exercises 1.1, 2.1, 2.2, 3.1, 3.2, 3.3, 4.1, 4.2, 5.1
          6.1  Presence: heartbeats, online and offline — 3 points, 1 scenario; graded with exercises 1.1, 2.1, 2.2, 3.1, 4.1, 4.2, 5.1, 5.2
          6.2  Leave: goodbye, shown offline at once — 1 point, 1 scenario; graded with exercises 1.1, 2.1, 2.2, 3.1, 4.1, 4.2, 5.1, 5.2, 6.1
        messaging — lab 4: Messaging: RSA, a replicated processing service, a replicated store, Bob to Alice (86 points, exercises/messaging.md)
          1.1  Miller–Rabin with random bases, trial division first — 7 points, 2 scenarios
          2.1  A random prime of a given size — 3 points, 1 scenario; graded with exercise 1.1
          2.2  Generate a key: e, d = e⁻¹ mod λ(n), the CRT values — 6 points, 2 scenarios; graded with exercises 1.1, 2.1
          3.1  The public operation — 2 points, 1 scenario
          3.2  The private operation with the CRT — 4 points, 1 scenario
          4.1  OAEP encryption (SHA-256, MGF1) — 7 points, 3 scenarios; graded with exercise 3.1
          4.2  OAEP decryption with one indistinguishable error — 9 points, 3 scenarios; graded with exercises 3.1, 3.2, 4.1
          5.1  Sequencer: one total order, committed by a majority — 4 points, 1 scenario; graded with exercises 3.1, 3.2, 4.1, 4.2, 6.1, 7.1
          6.1  Request ids and retries: execute once, answer again — 3 points, 1 scenario; graded with exercises 3.1, 3.2, 4.1, 4.2, 5.1, 7.1
          7.1  Deterministic replicas: the OAEP seed comes from the request — 3 points, 1 scenario; graded with exercises 3.1, 4.1, 5.1, 6.1
          8.1  Bully election with terms — 4 points, 1 scenario; graded with exercises 3.1, 4.1, 5.1, 6.1, 7.1, 9.1
          9.1  Failover without loss: the new leader learns the log first — 6 points, 2 scenarios; graded with exercises 3.1, 3.2, 4.1, 4.2, 5.1, 6.1, 7.1, 8.1
          10.1  Ricart–Agrawala: answer a request now or defer it, by timestamp — 4 points, 1 scenario; graded with exercise 10.2
          10.2  Enter with every reply, append on every store, leave and answer the deferred — 3 points, 1 scenario; graded with exercise 10.1
          11.1  Failure detection: enter without a suspected store, safely under partitions — 8 points, 2 scenarios; graded with exercises 10.1, 10.2
          12.1  The whole system: every line shown once, in order, soon after any server dies; only ciphertext at rest — 13 points, 3 scenarios; graded with exercises 3.1, 3.2, 4.1, 4.2, 5.1, 6.1, 7.1, 8.1, 9.1, 10.1, 10.2, 11.1
        """)
    }

    /// Only where the skeleton is the generated one (the instructor's copy): in a handout it is the student's work.
    @Test("grading the skeleton scores 0 with 'not implemented' rows and exits 1", .enabled(if: Catalog.hasSolutions, "the skeleton is the student's own code here"))
    func gradeSkeleton() async {
        let result = await runner(["grade", "ping", "--impl", "student", "--exercise", "1.1"])
        #expect(result.status == 1)
        #expect(result.out == """
        Grading ping (1 scenario) against the student's code
          ✘ ping.1.1-answer                          ex 1.1  0/2    seed 1: not implemented: ping exercise 1.1

        Score ping: 0/2 points
        """)
    }

    @Test("grading the solution passes, exits 0 and writes JSON results", .enabled(if: Catalog.hasSolutions, "needs the reference solution"))
    func gradeSolution() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("grade-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = await runner(["grade", "ping", "--impl", "solution", "--exercise", "2.2", "--json", path])
        #expect(result.status == 0, "\(result.out)\n\(result.err)")
        let json = try #require(FileManager.default.contents(atPath: path))
        let report = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        #expect(report["earned"] as? Int == 7)
        #expect(report["passed"] as? Bool == true)
        #expect((report["scenarios"] as? [Any])?.count == 3)
    }

    @Test("--runs prints a failure-rate table over fresh seeds after the base seed", .enabled(if: Catalog.hasSolutions, "needs the reference solution"))
    func failureRates() async {
        let result = await runner(["grade", "ping", "--impl", "solution", "--runs", "5", "--seed", "100", "--exercise", "2.2"])
        #expect(result.status == 0)
        #expect(result.out == """
        Failure rates of the solution's code over 5 fresh seeds per scenario (seeds 101…105)
          scenario                                 runs   failed  rate     first failure
          ping.2.2-retry-silent-server             5      0       0.0 %    -
          ping.2.2-retry-under-loss                5      0       0.0 %    -
          ping.2.2-server-restart                  5      0       0.0 %    -
        """)
    }

    @Test("rsa keygen writes a key pair once; garbage and the wrong kind of key are refused in one line, exit 1",
          .enabled(if: Catalog.hasSolutions, "needs the reference solution"))
    func rsaKeys() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rsa-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let made = await runner(["rsa", "keygen", "--out", folder, "--bits", "512", "--impl", "solution"])
        #expect(made.status == 0, "\(made.err)")
        #expect(made.out.hasPrefix("wrote \(folder)/private.pem (PKCS #8, readable by you only) and \(folder)/public.pem (SubjectPublicKeyInfo): a 512-bit key"))
        let mode = try FileManager.default.attributesOfItem(atPath: "\(folder)/private.pem")[.posixPermissions] as? Int
        #expect(mode == 0o600)
        try Data("garbage".utf8).write(to: URL(fileURLWithPath: "\(folder)/bad.pem"))
        for (arguments, message) in [
            (["keygen", "--out", folder], "error: \(folder)/private.pem exists: choose another folder, or remove it first (a key is never overwritten)"),
            (["encrypt", "--key", "\(folder)/private.pem"], "error: \(folder)/private.pem holds a private key: encrypt with the public key (public.pem), decrypt with this one"),
            (["decrypt", "--key", "\(folder)/public.pem"], "error: \(folder)/public.pem holds a public key: decrypting needs the private key (private.pem)"),
            (["encrypt", "--key", "\(folder)/bad.pem"], "error: \(folder)/bad.pem: malformed key PEM: "),
        ] {
            let result = await runner(["rsa"] + arguments + ["--impl", "solution"])
            #expect(result.status == 1)
            #expect(result.err.hasPrefix(message), "\(result.err)")
            #expect(!result.err.contains("\n"))
        }
    }

    @Test("a replay runs exactly one seed", .enabled(if: Catalog.hasSolutions, "needs the reference solution"))
    func replay() async {
        let result = await runner(["grade", "--impl", "solution", "--scenario", "ping.3.1-rtt", "--seed", "4242"])
        #expect(result.status == 0)
        #expect(result.out.contains("✔ ping.3.1-rtt"))
        #expect(result.out.contains("1 seed\n"))
    }
}
