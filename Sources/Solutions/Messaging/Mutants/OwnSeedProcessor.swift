import MessagingKit

/// Mutant: a follower that draws its own OAEP seed for every entry it receives instead of the ordered one, so
/// its ciphertexts differ from the leader's. Caught by `messaging.7.1-deterministic` and `messaging.5.1-total-order`.
public struct OwnSeedProcessor: PassThroughProcessor {
    public var processor: Processor

    public init(config: ProcessingConfig) { processor = Processor(config: config) }

    public mutating func receive(_ message: MessagingMessage, from sender: NodeID, _ ctx: inout MessagingContext) throws {
        guard case let .processing(.append(term, from, entries, commit)) = message else { return try processor.receive(message, from: sender, &ctx) }
        let drawn = entries.map { entry in
            var entry = entry
            entry.seed = (0..<OAEP.hashLength).map { _ in UInt8.random(in: 0...255, using: &ctx.random) }  // the bug
            return entry
        }
        try processor.receive(.processing(.append(term: term, from: from, entries: drawn, commit: commit)), from: sender, &ctx)
    }
}
