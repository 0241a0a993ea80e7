/// The help texts, kept together so they read as one manual (golden-tested in LabRunnerTests).
enum Help {
    static let overview = """
    labrunner — run, grade and benchmark the labs of the Distributed Systems Lab Kit

    Usage: labrunner <command> [options]

    Commands:
      list                 labs, exercises and points
      grade [LAB]          run the graded scenarios and print the score
      demo LAB             run a lab's multi-process demo on loopback
      node LAB ROLE        run one real node of a lab (interactive where a person would type)
      bench WHAT           measure against baselines run alongside: net, video, deposit, zapszap, messaging
      report LAB           write report/<lab>/REPORT.md and its figures from the lab's latest outputs
      handout --out DIR    write the student copy of the kit (no solutions, no mutants)
      skeleton [--check]   write the student skeletons from the solutions' marked exercise bodies
      view TRACE.jsonl     write a trace's interactive page: step through events, filter nodes, search
      rsa ACTION           the messaging lab's RSA by hand: keygen, encrypt, decrypt (OAEP, SHA-256)

    Run 'labrunner <command> --help' for a command's options.
    The implementation under test is --impl student|solution, else $LAB_IMPL, else the solution if present.
    """

    static let list = """
    Usage: labrunner list [options]

    Lists every lab with its exercises, the points of its graded scenarios, and the other exercises those
    scenarios run too (a scenario needing an unwritten one fails as "needs exercise X.Y").

    Options:
      --impl WHICH         student (Sources/Labs) or solution (Sources/Solutions)
    """

    static let grade = """
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
    """

    static let gradeWorker = """
    Usage: labrunner grade-worker [options] SCENARIO...

    Not for people: 'labrunner grade' and 'swift test' start it to run scenarios in a process of their own,
    which reports each seed it starts and each scenario it finishes as a JSON line on stdout.
    """

    static let handout = """
    Usage: labrunner handout --out DIR

    Writes the student copy of the kit to DIR: everything but the reference solutions, their mutants and
    the instructor-only tests (Tests/Instructor). In it, 'swift build' works and 'swift test' grades the
    student's code (0 points until they start). Writes nothing, naming each place, if a file of the copy
    repeats an exercise body of the solutions (three significant lines in a row).

    Options:
      --out DIR            the folder to create (must not exist yet, or be empty)
    """

    static let skeleton = """
    Usage: labrunner skeleton [--check]

    Writes Sources/Labs/<Lab> from Sources/Solutions/<Lab> (mutants aside): every line as the solution has it,
    except each exercise body from 'try Exercise.begin("X.Y")' to '// end exercise X.Y', which becomes
    'try todo("X.Y")'. Edit the solution, never the skeleton, then run this.

    Options:
      --check              change nothing; exit 1, naming each file, if a skeleton is not the generated one
    """

    static let node = """
    Usage: labrunner node LAB ROLE [options]
           labrunner node zapszap --name NAME --group GROUP [--peer HOST:PORT] [options]

    Runs one real node of a lab in this process, over real sockets, until its work is done or Ctrl-C.

    Roles:
      ping server          answers every PING with a PONG (silent per ping; --verbose shows each message)
      ping client          sends pings one at a time, retries, reports round trips (needs --server)
      video tracker        keeps the directory of who shares which file (TCP)
      video peer           shares a folder, searches, downloads from other peers (needs --tracker);
                           at its prompt: search TEXT, download NAME, list, help, quit
      deposit server       keeps clients' files on k servers of its cluster (TCP; needs --store)
      deposit client       deposits, lists and recovers files (needs --server); at its prompt:
                           deposit PATH [--replicas K] [--as NAME], recover NAME [--to DIR], list,
                           replicas NAME K, id, help, quit
      zapszap              a chat member (UDP); type messages; /history, /who, /digest, /quit
      messaging processor  a replica of the RSA processing service (TCP; needs --store and --key)
      messaging store      a replica of the persistence service (TCP; needs --store); at its prompt: digest
      messaging bob        sends each line typed to Alice (needs --processor and --store); stops once input
                           ends and every line is stored
      messaging alice      prints each message of her mailbox once, in order, decrypted

    Ping client options:
      --server HOST:PORT   the server's address (required)
      --server-id NAME     the server's node name (default: server)
      --count N            how many pings (default 10)
      --timeout D          how long to wait before trying again (default 200ms)
      --attempts N         tries per ping before giving up (default 20)
      --interval D         pause between pings (default 100ms)

    Video options:
      --ttl D              tracker: forget a peer silent for longer than this (default 10s)
      --tracker HOST:PORT  peer: the tracker's address (required)
      --tracker-id NAME    peer: the tracker's node name (default: tracker)
      --share DIR          peer: share the files of this folder
      --downloads DIR      peer: where downloads go (default: downloads)
      --search TEXT        peer: search once, print the results and exit
      --download NAME      peer: download this file, print its SHA-256 and exit
      --min-sources N      peer: with --download, wait until N peers share the file (1 to 20, default 1)
      --stay               peer: keep serving after --search or --download

    Deposit options:
      --store DIR          server: its files and catalog (required); a restart on the same folder rejoins;
                           client: where it pulls recovered files (default .labrunner/deposit/UUID with --id,
                           else client-PID), deleted when it stops unless a recovery was cut short: the next
                           recover of that file, on the same folder, goes on where it stopped
      --id NAME            server: its name (default: the --store folder's name, e.g. s1 for data/s1)
      --peer NAME=HOST:PORT  server: another server of the cluster (repeatable)
      --dead-after D       server: a peer silent this long is taken for dead and repaired (default 600ms)
      --cluster-key TEXT   server: a passphrase every server of the cluster is given; a connection speaks as
                           one of the --peer servers only once it proved it holds it (without: a warning)
      --server NAME=HOST:PORT  client: a server and its --id (repeatable: give every server; the client moves
                           on when one dies, and recovers from the holders a server names)
      --id UUID            client: the client id a server issued before (default: ask for a new one)
      --do COMMAND         client: run a prompt command, e.g. --do 'deposit a.bin --replicas 3'
                           (repeatable, in order); then exit, 1 if any failed or is unknown
      --stay               client: keep the prompt open after the --do commands

    Messaging options:
      --store DIR          processor, store: its log and term (required); a restart on the same folder rejoins
      --id NAME            processor, store: its name (default: the --store folder's name, e.g. p1 for data/p1);
                           processors rank by name, a number at its end compared as a number (p2 < p10):
                           the highest live one leads
      --peer NAME=HOST:PORT  processor, store: another server of the same service (repeatable)
      --key FILE           processor: Alice's private key, PEM (as 'labrunner rsa keygen' writes it)
      --cluster-key TEXT   processor, store: a passphrase every server of the service is given; a connection
                           speaks as one of the --peer servers only once it proved it holds it (without: a warning)
      --processor NAME=HOST:PORT  bob, alice: a processor and its --id (repeatable: give every one; they find
                           the leader by themselves)
      --store NAME=HOST:PORT  bob, alice: a store and its --id (repeatable: give every one; they move on when
                           one dies)
      --mailbox NAME       bob, alice: the mailbox Bob writes to and Alice reads (default: alice)

    Zapszap options:
      --name NAME          the member's name (required)
      --group NAME         the group to join (required)
      --passphrase TEXT    the group's passphrase (else asked at the terminal, or $ZAPSZAP_PASSPHRASE)
      --peer HOST:PORT     a member to greet first (repeatable)
      --sync-interval D    mean time between anti-entropy rounds (default 10s)
                           (a member keeps its history in .labrunner/zapszap/GROUP/NAME unless --store)

    Options for every node:
    \(NodeOptions.help)
    """

    static let demo = """
    Usage: labrunner demo LAB [options]

    Runs the lab's system as separate processes on loopback, with prefixed, colored output (plain when
    piped), injects a fault or two, and ends with a summary and the run's trace: traces/demo-LAB.jsonl and
    its space-time diagram (.svg), merged from the traces its processes wrote ('labrunner view' opens it).

      ping                 a server and 3 clients; the clients drop 10 % of their messages, the server is
                           killed and restarted mid-run; every client still completes its 20 pings
      video                a tracker, two seeders of a generated sample video and a downloader pulling from
                           both; one seeder is killed half-way; the download's SHA-256 is checked
      deposit              4 servers and 2 clients: alice deposits 3 files (k = 2 and 3); a server holding
                           one is killed right after its ok; alice reconnects by id elsewhere, lists and
                           recovers all (SHA-256 checked); repair back to k, shown as it happens; the server
                           restarts and reconciles; a count changes to 4; bob sees none of alice's files
      zapszap              four chat members, 20 % loss each, chatting by script; bob is killed and
                           restarted, dave joins late; every member's history digest must be equal
      messaging            3 processors, 3 stores, Bob and Alice: Bob types numbered messages; the processing
                           leader is killed (a message typed at that moment), later a store, which restarts on
                           its folder, then the old leader returns and leads again; Alice must show every
                           message once, in order; the summary gives the election time and the stores' digests

    Options:
      --nodes N            ping: how many clients (default 3)
      --size SIZE          video: the sample video's size, e.g. 256MiB (default 1GiB);
                           deposit: the biggest file's size (default 32MiB)
      --keep               video, deposit: keep the demo's files (printed at the end)
      --trace FILE         write the run's trace to FILE (.jsonl) and its diagram beside it (default:
                           traces/demo-LAB.jsonl)
      --impl WHICH         student (Sources/Labs) or solution (Sources/Solutions)
    """

    static let view = """
    Usage: labrunner view TRACE.jsonl [--out FILE]

    Writes the interactive page of a trace (one HTML file that works offline, nothing loaded from the
    network): its space-time diagram, stepped through event by event with the keyboard, with a filter by
    node, a search, a jump to the failure (or the first crash), and each event's details with its message's
    other events and its node's log lines around it. Traces come from a failing 'labrunner grade' (it prints
    this command) and from 'labrunner node ... --trace FILE'.

    Keys: → or j next event, ← or k previous, Home/End first/last, f the failure, / search, Enter next match.

    Options:
      --out FILE           where to write the page (default: beside the trace, .jsonl replaced by .html)
    """

    static let report = """
    Usage: labrunner report LAB [--out DIR] [--lang en|pt-BR] [--run] [--data DIR]

    Writes report/<lab>/REPORT.md and its figures (SVG, beside it) from the lab's latest outputs, found in
    report/<lab>/data/: grade.json ('grade LAB --json'), failure-rates.json ('grade LAB --runs N --json'),
    bench.json ('bench LAB --json'; 'bench net' for ping), demo.txt (the demo's output) and
    demo-trace.jsonl (a trace, for 'labrunner view'). Sections: Introduction, Methodology (architecture
    diagram, protocol table, fault model), Results (score, failure rates, benchmark charts, the demo's
    space-time diagram, environment), Conclusion, References. The kit rewrites only its own parts: what you
    write between '<!-- student:begin NAME -->' and '<!-- student:end NAME -->' is kept. Templates, one folder
    per language, are in report/templates/.

    Options:
      --run                first run what is missing (grade, grade --runs \(ReportRecipe.runs), bench and demo at laptop
                           sizes), saying what it runs and when
      --lang CODE          en (default) or pt-BR (Brazilian Portuguese)
      --out DIR            where to write REPORT.md and its figures (default: report/<lab>)
      --data DIR           where the outputs are (default: report/<lab>/data)
      --impl WHICH         with --run: student (Sources/Labs) or solution (Sources/Solutions)
    """

    static let rsa = """
    Usage: labrunner rsa keygen --out DIR [--bits N]
           labrunner rsa encrypt --key public.pem < message > ciphertext
           labrunner rsa decrypt --key private.pem < ciphertext > message

    The messaging lab's RSA (Sources/Labs/Messaging, or the reference with --impl solution) by hand, so
    that its keys and ciphertexts can be checked against openssl:

      keygen               writes DIR/private.pem (PKCS #8, mode 0600) and DIR/public.pem (SubjectPublicKeyInfo)
                           of a new key; never overwrites a key
      encrypt              RSAES-OAEP with SHA-256 and MGF1-SHA-256 of standard input (at most k - 66 bytes:
                           190 for a 2048-bit key) to standard output
      decrypt              the reverse; any bad ciphertext gives the one "decryption error"

    The same with openssl: openssl pkeyutl -encrypt -pubin -inkey public.pem -pkeyopt rsa_padding_mode:oaep
    -pkeyopt rsa_oaep_md:sha256 -pkeyopt rsa_mgf1_md:sha256 (and -decrypt -inkey private.pem).

    Options:
      --out DIR            keygen: the folder for the two key files (created if missing)
      --bits N             keygen: the modulus size, even, 512 to 8192 (default 2048)
      --key FILE           encrypt: the public key's PEM; decrypt: the private key's PEM
      --impl WHICH         student (Sources/Labs) or solution (Sources/Solutions)
    """

    static let bench = """
    Usage: labrunner bench net|video|deposit|zapszap|messaging [options]

    Prints measured figures next to a baseline measured in the same run. Use a release build:
    'swift run -c release labrunner bench net'.

      net                  loopback TCP: a plain blocking socket loop (the baseline), the kit's async TCP
                           connection and its sendfile path; then the simulator's messages per second
      video                a socket blast (the baseline); downloads of a generated file from 1 and 3 peers
                           and curl from a local HTTP server (nginx if installed), alone and with an fsync,
                           each right after an untimed download, as medians of rounds;
                           a downloader's peak memory for 1 GiB and 4 GiB files; bytes received when a
                           source dies half-way; SHA-256 next to sha256sum and openssl; each goal ✔ or ✘
      deposit              cp + fsync of a generated file (the baseline) and deposits of it with k = 1, 2, 3 on
                           4 server processes, in interleaved rounds, as medians; its recovery; the time and
                           bytes of repair after a server holding copies is killed; peak memory of a client
                           and a server for 1× and 4× the size
      zapszap              anti-entropy bytes per round when in sync at 100 vs 10,000 messages; virtual
                           time for 8 members to converge at 20 % loss; simulator deliveries per second;
                           ChaCha20-Poly1305 seal + open pairs and single operations per second next to
                           openssl speed (goal ≥ 0.25 × openssl)
      messaging            RSA-2048 private (CRT) and public operations per second next to openssl speed
                           rsa2048 (goal: private ≥ 0.25 × openssl), key generation (median of 20) next to
                           openssl genpkey, OAEP encrypt + decrypt of 190 bytes per second, where the time goes;
                           then the whole system as processes: Bob → Alice messages per second next to what
                           the RSA allows (cores × private ops/s ÷ 3 processors), failovers (leader killed →
                           new leader, → next reply) in 3 real runs and 500 simulated ones next to the election
                           timeout, and the stores' requests and replies per critical-section entry next to 2(N − 1)

    Options:
      --bytes MIB          net: how many MiB each transfer moves (default 1024)
      --size SIZE          video: the file to download, e.g. 512MiB (default 2GiB); deposit: the file
                           deposited (default 1GiB; peak memory also at 4× it)
      --rounds N           video: timed rounds of each download and of curl; deposit: rounds of the
                           baseline and the deposits; 1 to 9 (default 3)
      --impl WHICH         video, deposit, messaging: student or solution code
      --json FILE          also write the figures as JSON
    """
}
