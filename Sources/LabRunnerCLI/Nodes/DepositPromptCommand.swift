import Foundation

/// A line typed at a deposit client's prompt (or given with `--do`), like the original project's menu.
enum DepositPromptCommand: Equatable, Sendable {
    /// Deposit the file at `path` as `name` on `replicas` servers.
    case deposit(path: String, name: String, replicas: Int)
    /// Bring `name` back into the folder `into`.
    case recover(name: String, into: String)
    case list
    case replicas(name: String, replicas: Int)
    case id
    case help
    case quit

    /// How many copies a deposit asks for when `--replicas` is not given.
    static let defaultReplicas = 2

    static let usage = """
    commands: deposit PATH [--replicas K] [--as NAME], recover NAME [--to DIR], list, replicas NAME K, id, help, quit
    """

    /// Parses one line; blank lines give `nil`, mistakes give a message saying what is accepted.
    static func parse(_ line: String) -> Result<DepositPromptCommand, PromptError>? {
        let words = line.split(whereSeparator: \.isWhitespace).map(String.init)
        guard let verb = words.first?.lowercased() else { return nil }
        var rest = Array(words.dropFirst())
        do throws(PromptError) {
            switch verb {
            case "deposit", "put":
                let replicas = try option("--replicas", in: &rest).map { value throws(PromptError) in try count(value, "--replicas") }
                let name = try option("--as", in: &rest)
                guard rest.count == 1 else { throw PromptError("deposit needs one path: deposit PATH [--replicas K] [--as NAME]") }
                return .success(.deposit(path: rest[0], name: name ?? (rest[0] as NSString).lastPathComponent,
                                         replicas: replicas ?? defaultReplicas))
            case "recover", "get":
                let folder = try option("--to", in: &rest)
                guard rest.count == 1 else { throw PromptError("recover needs one file name: recover NAME [--to DIR]") }
                return .success(.recover(name: rest[0], into: folder ?? "."))
            case "list", "ls":
                guard rest.isEmpty else { throw PromptError("list takes no argument") }
                return .success(.list)
            case "replicas":
                guard rest.count == 2 else { throw PromptError("replicas needs a file name and a count: replicas NAME K") }
                return .success(.replicas(name: rest[0], replicas: try count(rest[1], "the count")))
            case "id": return .success(.id)
            case "help", "?": return .success(.help)
            case "quit", "exit": return .success(.quit)
            default: throw PromptError("unknown command '\(verb)' (\(usage))")
            }
        } catch {
            return .failure(error)
        }
    }

    /// Removes `--flag VALUE` from `words`, returning the value (`nil` when the flag is absent).
    private static func option(_ flag: String, in words: inout [String]) throws(PromptError) -> String? {
        guard let index = words.firstIndex(of: flag) else { return nil }
        guard index + 1 < words.count else { throw PromptError("\(flag) needs a value") }
        let value = words[index + 1]
        words.removeSubrange(index...index + 1)
        return value
    }

    private static func count(_ text: String, _ what: String) throws(PromptError) -> Int {
        guard let value = Int(text), value >= 1 else { throw PromptError("\(what) must be a whole number ≥ 1, not '\(text)'") }
        return value
    }
}
