/// The tag of one entry into the critical section: the holder's request timestamp and its name, unique and
/// ordered like Ricart–Agrawala's requests. Every entry a holder appends carries its ballot, so stores whose
/// logs differ can tell which one was written later.
public struct Ballot: Hashable, Sendable, Comparable, WireCodable, CustomStringConvertible {
    public var epoch: UInt64
    public var holder: NodeID

    public init(epoch: UInt64, holder: NodeID) {
        self.epoch = epoch
        self.holder = holder
    }

    /// Below every ballot a holder uses: the tag of an empty log.
    public static let none = Ballot(epoch: 0, holder: "")

    public static func < (a: Ballot, b: Ballot) -> Bool { (a.epoch, a.holder) < (b.epoch, b.holder) }

    public var description: String { "\(epoch)@\(holder)" }

    public func encode(to writer: inout WireWriter) { writer.write(epoch); writer.write(holder) }
    /// Decodes a ballot: its holder a valid node name, but for ``none`` (epoch 0), whose empty name no NodeID
    /// may carry on the wire — an empty log's head travels in every heartbeat of a fresh store.
    public init(from reader: inout WireReader) throws(WireError) {
        epoch = try reader.read()
        let name = try reader.readString(maxLength: NodeID.maxLength, field: "ballot holder")
        if !(name.isEmpty && epoch == 0), let problem = NodeID.problem(with: name) {
            throw .invalidValue(field: "ballot holder", reason: problem)
        }
        holder = NodeID(name)
    }
}
