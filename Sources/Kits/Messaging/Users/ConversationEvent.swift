// Lab messaging, phase 4 — what Bob and Alice report: given, not an exercise.

/// What Bob and Alice report to their users (and graders): a message stored, one received, one that failed.
public enum ConversationEvent: Hashable, Sendable, CustomStringConvertible {
    /// Bob: his message number `number` (from 1, in the order typed) is in Alice's mailbox, encrypted.
    case stored(number: UInt64, bytes: Int)
    /// Bob: his message number `number` was not sent, for `reason` (nothing of it is in the mailbox).
    case notSent(number: UInt64, reason: String)
    /// Alice: the mailbox's entry at `index` (from 0), decrypted.
    case received(index: Int, plaintext: [UInt8])
    /// Alice: the mailbox's entry at `index` does not decrypt under her key; she skips it.
    case unreadable(index: Int)

    public var description: String {
        switch self {
        case let .stored(number, bytes): "message \(number) stored (\(bytes) B of ciphertext)"
        case let .notSent(number, reason): "message \(number) not sent: \(reason)"
        case let .received(index, plaintext): "#\(index): \(String(decoding: plaintext, as: UTF8.self).escapingControlCharacters)"
        case let .unreadable(index): "#\(index) does not decrypt: skipped"
        }
    }
}
