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
      bench net            measure the kit's networking and simulator against a baseline
      handout --out DIR    write the student copy of the kit (no solutions, no mutants)

    Run 'labrunner <command> --help' for a command's options.
    The implementation under test is --impl student|solution, else $LAB_IMPL, else the solution if present.
    """

    static let list = """
    Usage: labrunner list [options]

    Lists every lab with its exercises and the points of its graded scenarios.

    Options:
      --impl WHICH         student (Sources/Labs) or solution (Sources/Solutions)
    """

    static let grade = """
    Usage: labrunner grade [LAB] [options]

    Runs the graded scenarios (all labs, or LAB) and prints the score table. Exits 0 only if every
    scenario passed. A failure names its exercise, what was expected and observed, its seed, the command
    that replays it, and the trace (JSONL) and space-time diagram (SVG) of the failing run.

    Options:
      --exercise X.Y       only the scenarios of exercise X.Y
      --scenario ID        only this scenario
      --seed N             with --scenario: replay exactly this seed and write its trace
      --runs N             rerun each simulated scenario on N fresh seeds and print failure rates
      --impl WHICH         student (Sources/Labs) or solution (Sources/Solutions)
      --json FILE          also write the results as JSON
      --traces DIR         where failing runs' traces go (default: traces)
    """

    static let handout = """
    Usage: labrunner handout --out DIR

    Writes the student copy of the kit to DIR: everything but the reference solutions and their mutants.
    In it, 'swift build' works and 'swift test' grades the student's code (0 points until they start).

    Options:
      --out DIR            the folder to create (must not exist yet, or be empty)
    """

    static let node = """
    Usage: labrunner node LAB ROLE [options]

    Runs one real node of a lab in this process, over real sockets, until its work is done or Ctrl-C.

    Roles:
      ping server          answers every PING with a PONG
      ping client          sends pings one at a time, retries, reports round trips (needs --server)

    Ping client options:
      --server HOST:PORT   the server's address (required)
      --server-id NAME     the server's node name (default: server)
      --count N            how many pings (default 10)
      --timeout D          how long to wait before trying again (default 200ms)
      --attempts N         tries per ping before giving up (default 20)
      --interval D         pause between pings (default 100ms)

    Options for every node:
    \(NodeOptions.help)
    """

    static let demo = """
    Usage: labrunner demo LAB [options]

    Runs the lab's system as separate processes on loopback, with prefixed, colored output (plain when
    piped), injects a fault or two, and ends with a summary.

      ping                 a server and 3 clients; the clients drop 10 % of their messages, the server is
                           killed and restarted mid-run; every client still completes its 20 pings

    Options:
      --nodes N            how many clients (default 3)
      --impl WHICH         student (Sources/Labs) or solution (Sources/Solutions)
    """

    static let bench = """
    Usage: labrunner bench net [options]

    Measures, in one run on loopback: a plain blocking socket loop (the baseline), the kit's async TCP
    connection, and its sendfile path, each moving the same bytes; then the simulator's delivered messages
    per second. Prints figures and ratios to the baseline. Use a release build:
    'swift run -c release labrunner bench net'.

    Options:
      --bytes MIB          how many MiB each transfer moves (default 1024)
      --json FILE          also write the figures as JSON
    """
}
