import MessagingKit

extension Processor {
    /// Exercise 6.1 — a client's request (every processor gets it, and again on every retry): if it was executed
    /// here, answer its result again at once; otherwise, as the leader, order it (`order`). A follower leaves
    /// it to the leader.
    ///
    /// Tested by `messaging.6.1-retries`. Hint: results are kept under `request.key` (id and secret).
    mutating func handleRequest(_ request: ProcessingRequest, from client: NodeID, _ ctx: inout MessagingContext) throws {
        try Exercise.begin("6.1")
        if let result = results[request.key] {
            ctx.send(.processing(.reply(id: request.id, result: result)), to: client)
        } else if isLeader {
            try order(request, from: client, &ctx)
        }
        // end exercise 6.1
    }

    /// Exercise 6.1 — execute `entry`, at `sequence` in the total order, exactly once: a request whose key has
    /// a result already is not executed again (answer that result). The first request of a client id registers
    /// its secret (`owners`); a request of that id with another secret is answered `.clientIDTaken`. Otherwise
    /// run the operation (`run`, exercise 7.1). Keep the result in `results`, record it in `executed`.
    ///
    /// Tested by `messaging.6.1-retries`. Hint: every replica runs this in the same order, so every decision
    /// here must depend on the log alone.
    mutating func execute(_ entry: LogEntry, sequence: Int) throws -> ProcessingResult? {
        try Exercise.begin("6.1")
        let request = entry.request
        if let result = results[request.key] { return result }
        let owner = owners[request.id.client, default: request.secret]
        let result = owner == request.secret ? try run(request.operation, seed: entry.seed) : .failed(.clientIDTaken)
        if owner == request.secret { owners[request.id.client] = owner }
        results[request.key] = result
        executed.append(ExecutedEntry(sequence: sequence, request: request, result: result))
        return result
        // end exercise 6.1
    }
}
