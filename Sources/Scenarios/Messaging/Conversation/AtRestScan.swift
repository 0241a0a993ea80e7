import MessagingKit

/// The scan for plaintext at rest: reads every value each store persisted (its storage, which outlives crashes)
/// for any line a writer typed. Only ciphertext may rest on a store, so one hit fails the scenario. So that it
/// can run after every event, it looks again only at the stores the trace shows handling an event since (a
/// store persists nothing otherwise), and reads again only the values that changed.
struct AtRestScan {
    let stores: [NodeID]
    /// How much of the trace was looked at.
    private var traced = 0
    /// The lines looked for, by their first four bytes (every line is longer).
    private let linesByPrefix: [UInt32: [[UInt8]]]
    /// What each store held when last read.
    private var read: [NodeID: [String: [UInt8]]] = [:]

    /// A scan of `stores` for `lines`, each at least ``minimumLength`` bytes (a shorter one could turn up in a
    /// ciphertext by chance).
    init(stores: [NodeID], lines: [[UInt8]]) {
        precondition(lines.allSatisfy { $0.count >= Self.minimumLength }, "a line shorter than \(Self.minimumLength) bytes")
        self.stores = stores
        linesByPrefix = Dictionary(grouping: lines) { Self.prefix($0[...]) }
    }

    /// The shortest line the scan looks for.
    static let minimumLength = 12

    /// Fails if a store holds one of the lines in a value it persisted since the last call.
    mutating func check<Output>(_ sim: Simulation<MessagingMessage, Output>) throws(ScenarioFailure) {
        let trace = sim.trace
        var handled = read.isEmpty ? Set(stores) : []
        for event in trace[min(traced, trace.count)...] where [.receive, .timerFired, .command, .restart].contains(event.kind) {
            handled.insert(event.node)
        }
        traced = trace.count
        for store in stores where handled.contains(store) {
            let storage = sim.storage(of: store), before = read[store] ?? [:]
            for (key, value) in storage where before[key] != value {  // an unchanged value is the same buffer: compared at once
                guard let line = firstLine(in: value) else { continue }
                throw ScenarioFailure(.wrong(expected: "only ciphertext at rest: no store keeps a plaintext a writer typed",
                                             observed: "\(store) persisted \"\(String(decoding: line, as: UTF8.self).escapingControlCharacters)\" under '\(key.escapingControlCharacters)' (at \(sim.now))"),
                                      trace: sim.trace)
            }
            read[store] = storage
        }
    }

    /// The first line found anywhere in `value`: each window of four bytes is looked up, rolled along.
    private func firstLine(in value: [UInt8]) -> [UInt8]? {
        guard value.count >= Self.minimumLength else { return nil }
        var window = Self.prefix(value[..<3])
        for start in 0...(value.count - Self.minimumLength) {
            window = window << 8 | UInt32(value[start + 3])
            guard let candidates = linesByPrefix[window] else { continue }
            if let line = candidates.first(where: { value[start...].starts(with: $0) }) { return line }
        }
        return nil
    }

    private static func prefix(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        bytes.prefix(4).reduce(0) { $0 << 8 | UInt32($1) }
    }
}
