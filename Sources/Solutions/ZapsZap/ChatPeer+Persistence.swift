import ZapsZapKit

extension ChatPeer {
    /// Exercise 3.3 — save a message just added to the history, so that it survives a crash: store its
    /// encoded bytes with `ctx.persist` under its own key, `Self.messageKeyPrefix` followed by its ID.
    ///
    /// One key per message keeps each save small, however long the history (the real shell writes each key
    /// to its own file, atomically). Tested by `zapszap.3.3-restart`.
    func save(_ message: ChatMessage, _ ctx: inout ZapContext) throws {
        try Exercise.begin("3.3")
        ctx.persist(message.encoded(), forKey: Self.messageKeyPrefix + message.id.description)
        // end exercise 3.3
    }

    /// Exercise 3.3 — on start, put the saved messages (`saved`: the stored values, sorted by key) back into
    /// the history, and move the clock to at least the highest restored timestamp, so that the next message
    /// this member writes sorts after all of them. Show nothing: the user saw these before. Skip (and log) a
    /// value that does not decode rather than refusing to start.
    ///
    /// Tested by `zapszap.3.3-restart`: after a crash, the history is back, the member's next message takes
    /// the next sequence number and sorts after everything it held.
    mutating func restore(_ saved: [[UInt8]], _ ctx: inout ZapContext) throws {
        try Exercise.begin("3.3")
        for bytes in saved {
            guard let message = try? ChatMessage.decode(bytes) else {
                ctx.log("skipping a saved message that does not decode")
                continue
            }
            _ = try history.insert(message)
            clock.time = max(clock.time, message.lamport)
        }
        // end exercise 3.3
    }
}
