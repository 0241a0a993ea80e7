extension NodeContext {
    /// Runs `body` for a part of this node (a client it embeds) on a context of its own, carries the part's
    /// effects out as this node's, and returns what the part delivered, for the node to act on instead of its user.
    ///
    /// The part shares the node's name, clock, random generator and storage; its timers are the node's, so
    /// embedded parts name theirs apart.
    public mutating func embedding(_ body: (inout NodeContext) throws -> Void) rethrows -> [Output] {
        var part = NodeContext(id: id, now: now, random: random, storage: storage, blobs: blobs)
        try body(&part)
        random = part.random
        var delivered: [Output] = []
        for effect in part.effects {
            switch effect {
            case let .deliver(output): delivered.append(output)
            case let .persist(key, value): persist(value, forKey: key)
            default: effects.append(effect)
            }
        }
        return delivered
    }
}
