import Foundation

/// A line typed at a video peer's prompt, like the original course project's menu.
enum PeerPromptCommand: Equatable, Sendable {
    case search(String)
    case download(String)
    case list
    case help
    case quit

    static let usage = "commands: search TEXT, download NAME, list, help, quit"

    /// Parses one line; blank lines give `nil`, mistakes give a message saying what is accepted.
    static func parse(_ line: String) -> Result<PeerPromptCommand, PromptError>? {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return nil }
        let (verb, rest) = trimmed.firstIndex(of: " ").map {
            (String(trimmed[..<$0]).lowercased(), String(trimmed[trimmed.index(after: $0)...]).trimmingCharacters(in: .whitespaces))
        } ?? (trimmed.lowercased(), "")
        switch verb {
        case "search": return .success(.search(rest))
        case "download", "get":
            return rest.isEmpty ? .failure(PromptError("download needs a file name: download NAME")) : .success(.download(rest))
        case "list", "ls": return rest.isEmpty ? .success(.list) : .failure(PromptError("list takes no argument"))
        case "help", "?": return .success(.help)
        case "quit", "exit": return .success(.quit)
        default: return .failure(PromptError("unknown command '\(verb)' (\(usage))"))
        }
    }
}

/// A mistake typed at a prompt, shown to the user; the node keeps running.
struct PromptError: Error, Equatable, Sendable, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
