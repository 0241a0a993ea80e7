import MessagingKit

/// Mutant: a bully that leads as soon as no one above answered, without a majority's promises, and so does
/// not yield to a higher processor claiming the same term: two leaders in one term. Caught by
/// `messaging.8.1-election` and `messaging.9.1-failover`.
public struct HastyBullyProcessor: PassThroughProcessor {
    public var processor: Processor

    public init(config: ProcessingConfig) { processor = Processor(config: config) }

    public mutating func timerFired(_ timer: TimerID, _ ctx: inout MessagingContext) throws {
        try processor.timerFired(timer, &ctx)
        if case let .claiming(_, promises) = processor.role, let own = promises[ctx.id] {
            try processor.handlePromise(own, from: ctx.id, &ctx)  // the bug: counts itself a majority
            if case .claiming = processor.role {
                processor.role = .leading(matched: [:], next: [:])
                ctx.deliver(.processing(.elected(term: processor.term)))
            }
        }
    }
}
