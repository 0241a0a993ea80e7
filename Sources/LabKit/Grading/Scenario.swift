/// One graded check of a lab: a described situation run over many seeds, worth points when every seed passes.
///
/// Scenario IDs read `lab.exercise-what` (`ping.2.1-retry-under-loss`) so a failure names the exercise to fix.
public struct Scenario: Sendable, Identifiable, CustomStringConvertible {
    /// Where a scenario runs: in the deterministic simulator, or over real sockets on loopback.
    public enum Mode: String, Sendable { case simulated, live }

    public let id: String
    /// The lab this scenario grades (`ping`).
    public let lab: String
    /// The exercise it grades (`2.1`).
    public let exercise: String
    /// The other exercises of its lab whose code it runs (`["4.2"]`): when one is missing the scenario fails
    /// as "needs exercise 4.2", and a test withholds each exercise from the solution to prove the list right.
    public let needs: [String]
    /// Points earned when every seed passes.
    public let points: Int
    /// One sentence saying what is checked.
    public let summary: String
    /// How many seeds a grading run tries (seeds 1...seeds); live scenarios usually take 1.
    public let seeds: Int
    public let mode: Mode
    /// How long the whole scenario (all its seeds) may run before `labrunner grade` and `swift test` stop
    /// it as "timed out": only a kill ends a student's endless loop (see ``ContainedRunner``).
    public var timeLimit: Duration
    /// How long one seed may run (`nil`: only the scenario's limit). A simulated seed of honest code takes
    /// milliseconds, so a student's endless loop there is stopped after 10 s, not the scenario's whole limit.
    public var seedTimeLimit: Duration?
    /// Runs the scenario once with `seed`; throws ``ScenarioFailure`` when the implementation misbehaves.
    public let body: @Sendable (UInt64) async throws -> Void

    public init(id: String, lab: String, exercise: String, points: Int, seeds: Int, mode: Mode = .simulated,
                timeLimit: Duration? = nil, needs: [String] = [], summary: String, body: @escaping @Sendable (UInt64) async throws -> Void) {
        self.id = id
        self.lab = lab
        self.exercise = exercise
        self.needs = needs
        self.points = points
        self.summary = summary
        self.seeds = seeds
        self.mode = mode
        self.timeLimit = timeLimit ?? Self.defaultTimeLimit(mode: mode, seeds: seeds)
        self.seedTimeLimit = mode == .simulated ? .seconds(10) : nil
        self.body = body
    }

    /// A simulated scenario gets 120 s for all its seeds (the slowest honest one takes a few seconds in a debug
    /// build); a live one its seeds' own deadlines (60 s each, see ``ScenarioRunner``) and 60 s more.
    public static func defaultTimeLimit(mode: Mode, seeds: Int) -> Duration {
        mode == .live ? .seconds(60 * max(seeds, 1) + 60) : .seconds(120)
    }

    public var description: String { "\(id) (exercise \(exercise), \(points) point\(points == 1 ? "" : "s"))" }
}
