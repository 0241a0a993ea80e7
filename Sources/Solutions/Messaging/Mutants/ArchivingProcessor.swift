import MessagingKit

/// Mutant: a processor that backs up every plaintext it is asked to encrypt in the persistence service (the
/// kit's stores `s1`…`s3`, mailbox "archive"), so that the stores keep plaintext. Its answers are right, so no
/// scenario of phase 2 sees it (they have no stores); the at-rest scan of `messaging.12.1-end-to-end` and
/// `messaging.12.1-failover-bound` does.
public struct ArchivingProcessor: PassThroughProcessor {
    public var processor: Processor
    /// The requests backed up in this run, and so how many.
    var archived: Set<RequestKey> = []

    public init(config: ProcessingConfig) { processor = Processor(config: config) }

    public mutating func receive(_ message: MessagingMessage, from sender: NodeID, _ ctx: inout MessagingContext) throws {
        try processor.receive(message, from: sender, &ctx)
        guard case let .processing(.request(request)) = message, case let .encrypt(plaintext) = request.operation,
              archived.insert(request.key).inserted else { return }
        let backup = PersistenceMessage.appendRequest(client: UInt64(processor.config.rank(of: ctx.id) + 1), request: UInt64(archived.count),
                                                      mailbox: "archive", bytes: plaintext)  // the bug: plaintext to the stores
        for store in (1...3).map({ NodeID("s\($0)") }) { ctx.send(.persistence(backup), to: store) }
    }
}
