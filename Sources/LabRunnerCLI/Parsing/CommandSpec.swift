/// What a subcommand accepts: its positional arguments and options, and its help text.
struct CommandSpec: Sendable {
    /// One `--name` option.
    struct Option: Sendable {
        let name: String
        /// Whether it takes a value (`--seed 7`) or is a flag (`--quiet`).
        let takesValue: Bool
        /// Whether it may appear more than once (`--peer A --peer B`).
        var repeats = false
    }

    let name: String
    /// The most positional arguments accepted.
    let maxPositionals: Int
    let options: [Option]
    let help: String

    func option(named name: String) -> Option? { options.first { $0.name == name } }
}
