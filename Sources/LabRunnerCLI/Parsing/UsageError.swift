/// A mistake on the command line: printed as one line with a hint, exit status 2.
struct UsageError: Error, Equatable, Sendable, CustomStringConvertible {
    let message: String
    /// The subcommand whose help explains the fix, if any.
    let command: String?

    init(_ message: String, command: String? = nil) {
        self.message = message
        self.command = command
    }

    var description: String {
        "error: \(message) (see 'labrunner\(command.map { " \($0)" } ?? "") --help')"
    }
}
