import LabKit
import MessagingKit
@testable import MessagingSolution
import Scenarios
import Testing

/// The reference processor's given log machinery: what a real processor writes to disk when a new leader's log
/// replaces its own, and how much one event executes.
@Suite struct ProcessorLogTests {
    static func entries(_ numbers: ClosedRange<UInt64>, client: UInt64 = 1) -> [LogEntry] {
        numbers.map { number in
            LogEntry(request: ProcessingRequest(id: RequestID(client: client, number: number), secret: [UInt8](repeating: 7, count: 16),
                                                operation: .encrypt([UInt8(truncatingIfNeeded: number)])),
                     client: "bob", seed: [UInt8](repeating: UInt8(truncatingIfNeeded: number), count: OAEP.hashLength))
        }
    }

    static func processor() throws -> Processor {
        Processor(config: ProcessingConfig(replicas: ["p1", "p2", "p3"], key: try RSAPrivateKey(pem: TestKeys.rsa1024)))
    }

    /// The keys a handler wrote (a value) and deleted (nil), in order.
    static func writes(_ ctx: MessagingContext) -> [(key: String, deleted: Bool)] {
        ctx.effects.compactMap { effect in
            if case let .persist(key, value) = effect { (key, value == nil) } else { nil }
        }
    }

    @Test("a log replaced by one that repeats its start writes only from the first entry that differs, and deletes what is cut")
    func replaceWritesOnlyChanges() throws {
        var processor = try Self.processor()
        var ctx = MessagingContext(id: "p3", now: .zero, random: SeededRandom(seed: 1, stream: "test"))
        processor.replaceLog(from: 0, with: Self.entries(1...10), &ctx)
        #expect(Self.writes(ctx).map(\.key) == (0..<10).map { "log/\($0)" })

        ctx = MessagingContext(id: "p3", now: .zero, random: SeededRandom(seed: 1, stream: "test"))
        processor.replaceLog(from: 2, with: Self.entries(3...6) + Self.entries(1...2, client: 2), &ctx)
        #expect(processor.log == Self.entries(1...6) + Self.entries(1...2, client: 2))
        let written = Self.writes(ctx)
        #expect(written.map(\.key) == (6..<10).map { "log/\($0)" }, "entries 2–5 are the same and are not written again")
        #expect(written.map(\.deleted) == [false, false, true, true])
    }

    @Test("one event executes at most executionBatch committed entries; the next events go on where it stopped")
    func executionIsBatched() throws {
        var processor = try Self.processor()
        var ctx = MessagingContext(id: "p1", now: .zero, random: SeededRandom(seed: 1, stream: "test"))
        processor.replaceLog(from: 0, with: Self.entries(1...40), &ctx)
        processor.commit = 40
        var counts: [Int] = []
        while processor.executedCount < 40 {
            try processor.executeCommitted(&ctx)
            counts.append(processor.executedCount)
        }
        #expect(counts == [16, 32, 40])
        #expect(processor.executed.map(\.request.id.number) == Array(1...40))
    }
}
