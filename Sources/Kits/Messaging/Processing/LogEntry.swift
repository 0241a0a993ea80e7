// Lab messaging, phase 2 — one slot of the replicated log: given, not an exercise.

/// A request at its place in the total order: what the leader assigned and every replica executes alike.
public struct LogEntry: Hashable, Sendable, CustomStringConvertible, WireCodable {
    public var request: ProcessingRequest
    /// The node every replica answers once it executed the entry.
    public var client: NodeID
    /// The 32-byte OAEP seed an encryption uses, chosen by the leader when it ordered the request, so that
    /// every replica produces the same ciphertext (exercise 7.1).
    public var seed: [UInt8]

    public init(request: ProcessingRequest, client: NodeID, seed: [UInt8]) {
        self.request = request
        self.client = client
        self.seed = seed
    }

    public var description: String { "\(request) for \(client)" }
    public func encode(to writer: inout WireWriter) { writer.write(request); writer.write(client); writer.writeRaw(seed) }
    public init(from reader: inout WireReader) throws(WireError) {
        request = try reader.read()
        client = try reader.read()
        seed = Array(try reader.readRaw(count: OAEP.hashLength, field: "seed"))
    }
}

/// What a replica executed at one sequence number: graders compare these across replicas.
public struct ExecutedEntry: Hashable, Sendable, CustomStringConvertible {
    /// The position in the total order, from 1.
    public var sequence: Int
    public var request: ProcessingRequest
    public var result: ProcessingResult

    public init(sequence: Int, request: ProcessingRequest, result: ProcessingResult) {
        self.sequence = sequence
        self.request = request
        self.result = result
    }

    public var description: String { "#\(sequence) \(request) → \(result)" }
}
