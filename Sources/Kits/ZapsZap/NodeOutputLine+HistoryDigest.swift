import LabKit

/// The chat member's line for programs: its history's digest, printed for `/digest` and when it stops.
extension NodeOutputLine {
    /// A chat member's history in brief: the SHA-256 of its ordered messages (hex) and how many there are.
    package struct HistoryDigest: Sendable, Hashable, CustomStringConvertible {
        package let hex: String
        package let count: Int

        package init(hex: String, count: Int) {
            self.hex = hex
            self.count = count
        }

        package var description: String { "\(hex) (\(count) message\(count == 1 ? "" : "s"))" }
    }

    /// `history digest 9f86… (12 messages)`: what a chat member prints for `/digest` and when it stops.
    package static func historyDigest(_ digest: HistoryDigest) -> String { "history digest \(digest)" }

    /// The digest of a ``historyDigest(_:)`` line; `nil` for any other line.
    package static func historyDigest(in line: String) -> HistoryDigest? {
        guard line.hasPrefix("history digest ") else { return nil }
        let words = line.dropFirst("history digest ".count).split(separator: " ")
        guard words.count == 3, words[1].hasPrefix("("), let count = Int(words[1].dropFirst()) else { return nil }
        return HistoryDigest(hex: String(words[0]), count: count)
    }
}
