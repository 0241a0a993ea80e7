import MessagingKit

/// What every processor mutant shares: it wraps the reference ``Processor`` and passes every event on, save
/// where its bug changes something; the graders' hooks read the wrapped processor.
public protocol PassThroughProcessor: ProcessorNode {
    var processor: Processor { get set }
}

extension PassThroughProcessor {
    public var term: UInt64 { processor.term }
    public var isLeader: Bool { processor.isLeader }
    public var executed: [ExecutedEntry] { processor.executed }
    public mutating func start(_ ctx: inout MessagingContext) throws { try processor.start(&ctx) }
    public mutating func timerFired(_ timer: TimerID, _ ctx: inout MessagingContext) throws { try processor.timerFired(timer, &ctx) }
    public mutating func receive(_ message: MessagingMessage, from sender: NodeID, _ ctx: inout MessagingContext) throws {
        try processor.receive(message, from: sender, &ctx)
    }
}
