import DepositKit
import LabKit
import Testing

/// Serves the committed blobs of its store to whoever fetches them: what a holder does.
private struct Holder: NodeLogic {
    mutating func receive(_ message: DepositMessage, from sender: NodeID, _ ctx: inout NodeContext<DepositMessage, Never>) {
        guard case let .fetch(key, offset, count) = message else { return }
        guard let bytes = try? ctx.blobs.read(key, at: offset, count: count) else { return ctx.send(.absent(key: key), to: sender) }
        ctx.send(.piece(key: key, offset: offset, bytes: bytes), to: sender)
    }
}

/// Pulls one blob from its sources with a ``BlobPull`` and commits it when whole, ticking every 100 ms.
private struct Puller: NodeLogic {
    var pull: BlobPull
    let sha256: [UInt8]

    mutating func start(_ ctx: inout NodeContext<DepositMessage, Never>) {
        ctx.setTimer("tick", after: .milliseconds(100))
        step(pull.start(&ctx), &ctx)
    }

    mutating func receive(_ message: DepositMessage, from sender: NodeID, _ ctx: inout NodeContext<DepositMessage, Never>) {
        switch message {
        case let .piece(key, offset, bytes) where key == pull.key: step(pull.received(offset: offset, bytes: bytes, from: sender, &ctx), &ctx)
        case let .absent(key) where key == pull.key: step(pull.absent(from: sender, &ctx), &ctx)
        default: return
        }
    }

    mutating func timerFired(_ timer: TimerID, _ ctx: inout NodeContext<DepositMessage, Never>) {
        ctx.setTimer("tick", after: .milliseconds(100))
        pull.tick(&ctx)
    }

    private mutating func step(_ step: BlobPull.Step, _ ctx: inout NodeContext<DepositMessage, Never>) {
        if step == .whole { try? ctx.blobs.commit(pull.blob, size: pull.size, sha256: sha256) }
    }
}

@Suite struct BlobPullTests {
    static let piece = 1_000, window = 4

    /// A simulation in which `holders` keep `bytes` as "blob" and `puller` pulls it from `sources`.
    static func pulling(_ bytes: [UInt8], seed: UInt64, faults: FaultPlan, holders: [NodeID] = ["h1"],
                        sources: [NodeID] = ["h1"]) throws -> Simulation<DepositMessage, Never> {
        let sim = Simulation<DepositMessage, Never>(seed: seed, faults: faults)
        for holder in holders {
            sim.add(holder) { Holder() }
            try sim.blobs(of: holder).append(bytes, to: "blob")
            try sim.blobs(of: holder).commit("blob", size: UInt64(bytes.count), sha256: SHA256.hash(bytes))
        }
        let pull = BlobPull(key: "blob", blob: "blob", size: UInt64(bytes.count), sources: sources, pieceSize: piece, window: window)
        sim.add("puller") { Puller(pull: pull, sha256: SHA256.hash(bytes)) }
        return sim
    }

    static func content(_ count: Int, seed: UInt64) -> [UInt8] {
        var random = SeededRandom(seed: seed)
        return (0..<count).map { _ in UInt8.random(in: 0...255, using: &random) }
    }

    @Test("on a reliable network every byte moves once, with at most `window` pieces asked for and not yet here")
    func reliable() throws {
        let bytes = Self.content(25_500, seed: 1)
        let sim = try Self.pulling(bytes, seed: 1, faults: FaultPlan(delay: .milliseconds(1)...(.milliseconds(20))))
        try sim.run(until: .seconds(5))
        #expect(try sim.blobs(of: "puller").read("blob", at: 0, count: bytes.count) == bytes)
        let fetches = sim.messages.filter { $0.event == .sent && $0.from == "puller" }
        #expect(fetches.count == 26, "one fetch per piece, none again")
        var inFlight = 0, most = 0
        for record in sim.messages where record.event == .sent {
            if case .fetch = record.message { inFlight += 1 }
            if case .piece = record.message { inFlight -= 1 }
            most = max(most, inFlight)
        }
        #expect(most == Self.window, "the window is filled, and never overfilled")
    }

    @Test("loss (20 %), duplicates (20 %) and reordering cost only time: the blob arrives whole, byte for byte",
          arguments: 1...200)
    func faults(seed: UInt64) throws {
        let bytes = Self.content(Int(seed % 7) * 3_333 + 1, seed: seed)
        let sim = try Self.pulling(bytes, seed: seed, faults: FaultPlan(dropRate: 0.2, duplicateRate: 0.2,
                                                                         delay: .milliseconds(1)...(.milliseconds(80))))
        try sim.run(until: .seconds(60))
        #expect(try sim.blobs(of: "puller").read("blob", at: 0, count: bytes.count) == bytes, "seed \(seed)")
    }

    @Test("a source with nothing moves the pull to the next; when every source has nothing, the pull fails and keeps nothing")
    func absentSources() throws {
        let bytes = Self.content(5_000, seed: 3)
        let sim = try Self.pulling(bytes, seed: 3, faults: .reliable, holders: ["h2"], sources: ["h1", "h2"])
        sim.add("h1") { Holder() }
        try sim.run(until: .seconds(5))
        #expect(try sim.blobs(of: "puller").read("blob", at: 0, count: bytes.count) == bytes)

        let none = try Self.pulling(bytes, seed: 3, faults: .reliable, holders: ["h2"], sources: ["h1"])
        none.add("h1") { Holder() }
        try none.run(until: .seconds(5))
        #expect(none.blobs(of: "puller").size(of: "blob") == nil)
        #expect(none.blobs(of: "puller").partSize(of: "blob") == nil)
    }
}
