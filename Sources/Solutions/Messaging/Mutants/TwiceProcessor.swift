import MessagingKit

/// Mutant: a leader that orders a retry of an executed request again, and replicas that execute it again
/// instead of answering from their results. Caught by `messaging.6.1-retries`.
public struct TwiceProcessor: PassThroughProcessor {
    public var processor: Processor

    public init(config: ProcessingConfig) { processor = Processor(config: config) }

    public mutating func receive(_ message: MessagingMessage, from sender: NodeID, _ ctx: inout MessagingContext) throws {
        for entry in processor.log[min(processor.executedCount, processor.log.count)...] {
            processor.results[entry.request.key] = nil  // the bug: what is ordered is executed, whatever was before
        }
        if case let .processing(.request(request)) = message, processor.isLeader, processor.results[request.key] != nil {
            let entry = LogEntry(request: request, client: sender, seed: try Processor.seed(for: request, sequence: processor.log.count + 1))
            processor.replaceLog(from: processor.log.count, with: [entry], &ctx)  // the bug: ordered again
            try processor.replicate(&ctx)
            return
        }
        try processor.receive(message, from: sender, &ctx)
    }
}
