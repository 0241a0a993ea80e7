import MessagingKit

/// Runs the whole messaging system — processors, stores, writers (the given ``Bob``) and the given ``Alice`` —
/// and checks after every event the invariants of both services (``ProcessingOracle``, ``StoreOracle``) and the
/// conversation's own:
/// - Alice shows only lines a writer typed, each once, each writer's in the order typed, and never an entry
///   she cannot decrypt; no writer is told a line was not sent;
/// - no store keeps a plaintext a writer typed (``AtRestScan``);
/// - with a ``bound``, every line is shown within it of being typed.
final class ConversationOracle<Processor: ProcessorNode, Store: PersistenceStoreNode> {
    typealias Sim = Simulation<MessagingMessage, MessagingEvent>

    /// A line a writer typed, and what became of it.
    struct Line {
        let writer: NodeID
        /// Its number in the writer's order, from 1, as ``Bob`` numbers them.
        let number: UInt64
        let text: [UInt8]
        let typed: Duration
        /// Whether its writer was told it is stored.
        var stored = false
        /// As which entry of her mailbox Alice showed it.
        var shown: Int?
    }

    let sim: Sim
    let processing: ProcessingOracle<Processor>
    let persistence: StoreOracle<Store>
    let alice: NodeID
    /// How long after it is typed each line must be shown, if set: checked after every event.
    let bound: Duration?
    /// Every line scheduled, in the order scheduled.
    private var lines: [Line]
    /// Each writer's lines, as indexes into ``lines`` in typed order.
    private let linesOf: [NodeID: [Int]]
    private let lineWithText: [[UInt8]: Int]
    /// How many of each writer's lines Alice showed: they come in typed order, so the next is the one after.
    private var shownOf: [NodeID: Int] = [:]
    /// How many lines their writers were told are stored.
    private var storedCount = 0
    private var scan: AtRestScan
    private var seenDeliveries = 0

    /// An oracle over `sim`, in which each writer types its `script` lines (text and time) to Alice.
    init(_ sim: Sim, processing: ProcessingOracle<Processor>, persistence: StoreOracle<Store>, alice: NodeHandle<Alice>,
         scripts: [(writer: NodeHandle<Bob>, lines: [(text: [UInt8], at: Duration)])], bound: Duration? = nil) {
        self.sim = sim
        self.processing = processing
        self.persistence = persistence
        self.alice = alice.id
        self.bound = bound
        var lines: [Line] = [], linesOf: [NodeID: [Int]] = [:]
        for (writer, script) in scripts {
            for (offset, (text, at)) in script.enumerated() {
                linesOf[writer.id, default: []].append(lines.count)
                lines.append(Line(writer: writer.id, number: UInt64(offset + 1), text: text, typed: at))
                sim.schedule(at: at) { $0.command(text, to: writer) }
            }
        }
        self.lines = lines
        self.linesOf = linesOf
        lineWithText = Dictionary(lines.indices.map { (lines[$0].text, $0) }, uniquingKeysWith: { first, _ in first })
        scan = AtRestScan(stores: persistence.stores.map(\.id), lines: lines.map(\.text))
    }

    /// Runs until `done` or `deadline`, checking every invariant after every event; returns whether `done` held.
    @discardableResult
    func run(until done: (Sim) -> Bool = { _ in false }, deadline: Duration) throws(ScenarioFailure) -> Bool {
        try sim.grade(until: done, deadline: deadline, checking: check)
    }

    /// Every check, after one event.
    func check() throws(ScenarioFailure) {
        try processing.check()
        try persistence.check()
        try readDeliveries()
        try scan.check(sim)
        if let bound { try checkBound(bound) }
    }

    /// Runs until every line is stored (its writer was told) and shown by Alice, failing after `limit` from now,
    /// which is `since` (said in the failure).
    func awaitEveryLine(within limit: Duration, since: String) throws(ScenarioFailure) {
        let everyLine = { (_: Sim) in self.shownOf.values.reduce(0, +) == self.lines.count && self.storedCount == self.lines.count }
        if try run(until: everyLine, deadline: sim.now + limit) { return }
        let unshown = lines.filter { $0.shown == nil }, unstored = lines.filter { !$0.stored }
        if let first = unshown.first {
            throw failure("Alice to show all \(lines.count) lines typed within \(limit) of \(since)",
                          observed: "\(unshown.count) not shown, the first \(describe(first)), \(first.stored ? "stored" : "never stored")")
        }
        throw failure("each writer to be told every line it typed is stored within \(limit) of \(since)",
                      observed: "\(unstored.count) not, the first \(unstored.first.map(describe) ?? "")")
    }

    private func readDeliveries() throws(ScenarioFailure) {
        let deliveries = sim.deliveries
        while seenDeliveries < deliveries.count {
            let delivery = deliveries[seenDeliveries]
            seenDeliveries += 1
            guard case let .conversation(event) = delivery.output else { continue }
            switch event {
            case let .received(index, plaintext) where delivery.node == alice: try shown(plaintext, as: index)
            case let .unreadable(index) where delivery.node == alice:
                throw failure("Alice to decrypt every entry of her mailbox (each is a ciphertext a writer stored)",
                              observed: "entry #\(index) does not decrypt (at \(sim.now))")
            case let .stored(number, _):
                guard let order = linesOf[delivery.node], let place = Int(exactly: number).map({ $0 - 1 }), order.indices.contains(place),
                      !lines[order[place]].stored else { continue }
                lines[order[place]].stored = true
                storedCount += 1
            case let .notSent(number, reason):
                throw failure("every line typed to be sent", observed: "\(delivery.node)'s line \(number) not sent: \(reason)")
            default: continue
            }
        }
    }

    /// Alice showed `plaintext` as entry `index`: a line typed, not shown before, the next of its writer's.
    private func shown(_ plaintext: [UInt8], as index: Int) throws(ScenarioFailure) {
        guard let position = lineWithText[plaintext] else {
            throw failure("Alice to show only lines a writer typed",
                          observed: "entry #\(index) shown as \"\(String(decoding: plaintext, as: UTF8.self).escapingControlCharacters)\", which no one typed")
        }
        let line = lines[position]
        if let earlier = line.shown {
            throw failure("Alice to show each line once", observed: "\(describe(line)) shown as entry #\(earlier), and again as #\(index) (at \(sim.now))")
        }
        if let next = nextToShow(of: line.writer), next != position {
            throw failure("Alice to show each writer's lines in the order typed",
                          observed: "\(describe(line)) shown as entry #\(index) before \(describe(lines[next])) (at \(sim.now))")
        }
        lines[position].shown = index
        shownOf[line.writer, default: 0] += 1
    }

    /// Every writer's oldest line not shown yet was typed less than `bound` ago.
    private func checkBound(_ bound: Duration) throws(ScenarioFailure) {
        for writer in linesOf.keys {
            guard let next = nextToShow(of: writer), sim.now - lines[next].typed > bound else { continue }
            throw failure("every line shown by Alice within \(bound) of being typed",
                          observed: "\(describe(lines[next])) not shown \(sim.now - lines[next].typed) after (at \(sim.now))")
        }
    }

    /// The writer's first line Alice has not shown, if any.
    private func nextToShow(of writer: NodeID) -> Int? {
        let order = linesOf[writer] ?? [], shown = shownOf[writer, default: 0]
        return shown < order.count ? order[shown] : nil
    }

    private func describe(_ line: Line) -> String {
        "\(line.writer)'s line \(line.number) (\"\(String(decoding: line.text, as: UTF8.self))\", typed at \(line.typed))"
    }

    func failure(_ expected: String, observed: String) -> ScenarioFailure {
        ScenarioFailure(.wrong(expected: expected, observed: observed), trace: sim.trace)
    }
}
