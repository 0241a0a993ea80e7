import ZapsZapKit

extension ZapsZapScenarios {
    typealias ZapSimulation = Simulation<ZapDatagram, ZapEvent>

    /// The group of every scenario.
    static let group = "lab-room"
    /// The group's key.
    static let key = GroupKey(group: group, passphrase: "correct horse battery staple")
    /// The key of an outsider who got the passphrase wrong by one letter.
    static let outsiderKey = GroupKey(group: group, passphrase: "correct horse battery stapler")
    /// Longer than any run: a timer armed with it never fires (the exercise it would call is not graded yet).
    static let never = Duration.seconds(3_600)

    /// A member's config for the scenarios: anti-entropy and presence off unless asked for.
    static func config(peers: [NodeID] = [], key: GroupKey = key, helloRetry: Duration = .milliseconds(300),
                       sync: Duration = never, presence: Duration = never, timeout: Duration = never,
                       pageBytes: Int = 1000) -> ZapConfig {
        ZapConfig(key: key, peers: peers, helloRetry: helloRetry, syncInterval: sync, presenceInterval: presence,
                  presenceTimeout: timeout, pageBytes: pageBytes)
    }



    /// A chat text of `length` bytes that names its author and number, so failures read well.
    static func text(_ author: NodeID, _ number: Int, length: Int = 0) -> String {
        let base = "\(author) says \(number)"
        return length > base.count ? base + " " + String(repeating: "z", count: length - base.count - 1) : base
    }

    /// Runs `sim` until `deadline` or, checking every `step`, until `done` holds; returns whether it did.
    static func run(_ sim: ZapSimulation, until done: (ZapSimulation) -> Bool, step: Duration = .milliseconds(250),
                    deadline: Duration) throws(ScenarioFailure) -> Bool {
        while sim.now < deadline {
            try sim.grade(until: min(sim.now + step, deadline))
            if done(sim) { return true }
        }
        return done(sim)
    }

    /// A message list as failures show it.
    static func show(_ messages: [ChatMessage]) -> String {
        messages.isEmpty ? "[] (nothing)" : messages.map { "\n    \($0)" }.joined()
    }
}
