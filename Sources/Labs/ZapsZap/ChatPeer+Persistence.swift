import ZapsZapKit

extension ChatPeer {
    /// Exercise 3.3 — save a message just added to the history, so that it survives a crash: store its
    /// encoded bytes with `ctx.persist` under its own key, `Self.messageKeyPrefix` followed by its ID.
    ///
    /// One key per message keeps each save small, however long the history (the real shell writes each key
    /// to its own file, atomically). Tested by `zapszap.3.3-restart`.
    func save(_ message: ChatMessage, _ ctx: inout ZapContext) throws {
        try todo("3.3")
    }

    /// Exercise 3.3 — on start, put the saved messages (`saved`: already decoded and checked by the given
    /// `savedMessages`, in key order) back into the history, and move the clock to at least the highest restored
    /// timestamp, so that the next message this member writes sorts after all of them. Show nothing: the user
    /// saw these before.
    ///
    /// Tested by `zapszap.3.3-restart`: after a crash, the history is back, the member's next message takes
    /// the next sequence number and sorts after everything it held.
    mutating func restore(_ saved: [ChatMessage], _ ctx: inout ZapContext) throws {
        try todo("3.3")
    }

    /// The messages saved in `storage`, in key order, each checked as the network's are: a value that does not
    /// decode within ``ZapLimits`` (a name, a text, a clock or a number out of bounds), that is not stored
    /// under its own ID's key, or that is numbered more than ``ZapLimits/maxSeqAhead`` past as many messages as
    /// its sender has saved, is skipped with a log line, so that poison on disk never reaches the history.
    static func savedMessages(in storage: [String: [UInt8]], _ ctx: inout ZapContext) -> [ChatMessage] {
        let decoded = decodedMessages(in: storage, &ctx)
        let saved = Dictionary(grouping: decoded, by: \.sender).mapValues { UInt64($0.count) }
        return decoded.filter { message in
            guard message.seq <= saved[message.sender, default: 0] + ZapLimits.maxSeqAhead else {
                ctx.log("skipping the saved \(message.id): more than \(ZapLimits.maxSeqAhead) past the \(saved[message.sender, default: 0]) saved of \(message.sender)")
                return false
            }
            return true
        }
    }

    /// The messages saved in `storage` that decode under their own keys, in key order; the others logged.
    private static func decodedMessages(in storage: [String: [UInt8]], _ ctx: inout ZapContext) -> [ChatMessage] {
        storage.filter { $0.key.hasPrefix(messageKeyPrefix) }.sorted { $0.key < $1.key }.compactMap { key, bytes in
            do {
                let message = try ChatMessage.decode(bytes, limits: ZapLimits.wireLimits)
                guard key == messageKeyPrefix + message.id.description else {
                    ctx.log("skipping the saved \(message.id) under the key of another: \(key.debugDescription)")
                    return nil
                }
                return message
            } catch {
                ctx.log("skipping the saved \(key.debugDescription): \(error)")
                return nil
            }
        }
    }

    /// The epoch stored by the last start (0: none), refused if no start can follow it: an epoch that does not
    /// decode or is the last one would make this member seal with nonces it used before.
    static func storedEpoch(in storage: [String: [UInt8]]) throws -> UInt32 {
        guard let bytes = storage[epochKey] else { return 0 }
        guard let epoch = try? UInt32.decode(bytes), epoch < .max else {
            throw StorageError.cannotRead(epochKey, reason: "no new epoch can follow the stored one (\(bytes.count) bytes); start this member with a new storage folder")
        }
        return epoch
    }
}
