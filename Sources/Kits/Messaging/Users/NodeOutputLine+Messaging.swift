import LabKit

/// The lines of `labrunner node messaging …` that programs read (the demo, the bench, the live scenario): a
/// store's log digest, a processor's election, Bob's and Alice's reports. Each is what the node prints, read back.
extension NodeOutputLine {
    /// `log digest 9f86… (12 entries)`: the SHA-256 of every entry of `log` in order (``StoreLog/digest``) and
    /// how many there are, what a store prints for `digest` at its prompt (equal logs, equal lines).
    package static func logDigest(_ log: StoreLog) -> String {
        "log digest \(log.digest.hex) (\(log.count) entr\(log.count == 1 ? "y" : "ies"))"
    }

    /// The digest (hex) and entry count of a ``logDigest(_:)`` line; `nil` for any other line.
    package static func logDigest(in line: String) -> (hex: String, entries: Int)? {
        let words = line.split(separator: " ")
        guard words.count == 5, words[0] == "log", words[1] == "digest", words[3].hasPrefix("("),
              let entries = Int(words[3].dropFirst()) else { return nil }
        return (String(words[2]), entries)
    }

    /// The term of a processor's ``ProcessingEvent/elected(term:)`` line (`leader of term 3`); `nil` for any other line.
    package static func electedTerm(in line: String) -> UInt64? {
        line.hasPrefix("leader of term ") ? UInt64(line.dropFirst("leader of term ".count)) : nil
    }

    /// The number of Bob's message in a ``ConversationEvent/stored(number:bytes:)`` line (`message 3 stored (256 B
    /// of ciphertext)`), with whether it was stored (`false`: not sent); `nil` for any other line.
    package static func bobsMessage(in line: String) -> (number: UInt64, stored: Bool)? {
        let words = line.split(separator: " ", maxSplits: 3)
        guard words.count >= 3, words[0] == "message", let number = UInt64(words[1]) else { return nil }
        switch words[2] {
        case "stored": return (number, true)
        case "not": return (number, false)
        default: return nil
        }
    }

    /// The mailbox index and text (as printed: control characters escaped) of Alice's
    /// ``ConversationEvent/received(index:plaintext:)`` line (`#0: hello`), or `nil` text for an
    /// ``ConversationEvent/unreadable(index:)`` one; `nil` for any other line.
    package static func alicesMessage(in line: String) -> (index: Int, text: String?)? {
        guard line.hasPrefix("#"), let end = line.firstIndex(where: { $0 == ":" || $0 == " " }), let index = Int(line[line.index(after: line.startIndex)..<end]) else {
            return nil
        }
        if line[end...].hasPrefix(": ") { return (index, String(line[line.index(end, offsetBy: 2)...])) }
        return line.hasSuffix(" does not decrypt: skipped") ? (index, nil) : nil
    }
}
