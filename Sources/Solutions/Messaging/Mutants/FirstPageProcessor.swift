import MessagingKit

/// Mutant: a claimant that takes each page of a promise for the whole of it, as if no log were longer than
/// one message carries: after a restart it leads with the first page of the best log, and the entries past it,
/// ordered and executed before, get other requests. Caught by `messaging.9.1-long-log`.
public struct FirstPageProcessor: PassThroughProcessor {
    public var processor: Processor

    public init(config: ProcessingConfig) { processor = Processor(config: config) }

    public mutating func receive(_ message: MessagingMessage, from sender: NodeID, _ ctx: inout MessagingContext) throws {
        guard case let .processing(.promise(term, normalTerm, _, commit, from, entries)) = message else {
            return try processor.receive(message, from: sender, &ctx)
        }
        let page = MessagingMessage.processing(.promise(term: term, normalTerm: normalTerm, length: from + entries.count, commit: min(commit, from + entries.count),
                                                        from: from, entries: entries))
        try processor.receive(page, from: sender, &ctx)  // the bug: the length the page ends at, not the log's
    }
}
