import ZapsZapKit

/// Every message a member holds: in the total order for showing, by ID to refuse duplicates, and by sender
/// with the version vector for anti-entropy.
struct ChatHistory {
    /// Where a new message went.
    enum Insertion: Equatable {
        /// At the end: it sorts after everything held before.
        case appended
        /// Before some message already held: right after `after` (`nil`: first of all).
        case late(after: MessageID?)
        /// Nowhere: it was already held.
        case duplicate
    }

    /// Every message, in the total order: by Lamport timestamp, then sender, then sequence number.
    var entries: [ChatMessage] = []
    /// The IDs of every message held.
    var ids: Set<MessageID> = []
    /// Every message, by sender and sequence number.
    var bySender: [NodeID: [UInt64: ChatMessage]] = [:]
    /// The version vector: per sender, the highest `seq` such that messages 1…seq are all held.
    var contiguous: [NodeID: UInt64] = [:]
    /// Per sender, the highest `seq` held (above `contiguous` when some messages are missing).
    var highest: [NodeID: UInt64] = [:]

    /// Exercise 3.2 — insert `message`, unless its ID is already held (`.duplicate`, nothing changes).
    /// Put it in `entries` at its place in the total order — by `lamport`, then `sender`, then `seq` — and say
    /// where: `.appended` at the end, else `.late(after:)` with the ID of the message just before it (`nil` if
    /// it is first). Record it in `ids`, `bySender` and `highest`, and move `contiguous[sender]` on while the
    /// next sequence number is held.
    ///
    /// Tested by `zapszap.3.2-order-and-dedup` (exact events and history for messages arriving out of order,
    /// twice, with equal timestamps, with gaps) and `zapszap.3.1-causal-order`. Hint: a binary search finds the
    /// place; late messages are rare, so inserting into the array is fine.
    mutating func insert(_ message: ChatMessage) throws -> Insertion {
        try Exercise.begin("3.2")
        guard ids.insert(message.id).inserted else { return .duplicate }
        let key = (message.lamport, message.sender, message.seq)
        var low = entries.count, high = entries.count
        if let last = entries.last, key < (last.lamport, last.sender, last.seq) {
            low = 0
            high = entries.count - 1
            while low < high {
                let middle = (low + high) / 2
                let entry = entries[middle]
                if key < (entry.lamport, entry.sender, entry.seq) { high = middle } else { low = middle + 1 }
            }
        }
        entries.insert(message, at: low)
        bySender[message.sender, default: [:]][message.seq] = message
        highest[message.sender] = max(highest[message.sender] ?? 0, message.seq)
        var next = contiguous[message.sender] ?? 0
        while bySender[message.sender]?[next + 1] != nil { next += 1 }
        contiguous[message.sender] = next
        return low == entries.count - 1 ? .appended : .late(after: low == 0 ? nil : entries[low - 1].id)
        // end exercise 3.2
    }

    /// Whether the message `id` is held.
    func contains(_ id: MessageID) -> Bool { ids.contains(id) }

    /// The highest sequence number held from `sender` (0: none).
    func highestSeq(of sender: NodeID) -> UInt64 { highest[sender] ?? 0 }

    /// The version vector as a digest lists it, sorted by sender.
    var heads: [SyncDigest.Head] {
        contiguous.map { SyncDigest.Head(sender: $0.key, seq: $0.value) }.sorted { $0.sender < $1.sender }
    }
}
