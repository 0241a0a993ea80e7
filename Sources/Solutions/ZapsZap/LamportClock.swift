import ZapsZapKit

/// A Lamport clock: a counter that every event moves on, so that if one event may have caused another, the
/// first gets the smaller time.
struct LamportClock {
    /// The current time; 0 before anything happened.
    var time: UInt64 = 0

    /// Exercise 3.1 — this member writes a message: move the clock on by one and return the new time, the
    /// message's timestamp.
    ///
    /// Tested by `zapszap.3.1-causal-order` and `zapszap.3.2-order-and-dedup`.
    mutating func tick() throws -> UInt64 {
        try Exercise.begin("3.1")
        time += 1
        return time
        // end exercise 3.1
    }

    /// Exercise 3.1 — a timestamp arrived (a message, or a digest's clock): move the clock past both, to
    /// `max(time, timestamp) + 1`, so that whatever this member writes next sorts after what it has seen.
    /// Every arrival counts, duplicates included.
    ///
    /// Tested by `zapszap.3.1-causal-order` (a reply never sorts before what it answers, even when another
    /// member's clock runs far ahead) and `zapszap.3.2-order-and-dedup` (the clock's exact value).
    mutating func witness(_ timestamp: UInt64) throws {
        try Exercise.begin("3.1")
        time = max(time, timestamp) + 1
        // end exercise 3.1
    }
}
