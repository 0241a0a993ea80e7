/// One append in a store's log: whose request it was, the bytes kept (a ciphertext, never read by the store),
/// and the ballot of the critical-section entry that wrote it.
public struct StoreEntry: Hashable, Sendable, WireCodable, CustomStringConvertible {
    /// The client's id and request number: a retry carries the same, so it is never appended twice.
    public var client: UInt64
    public var request: UInt64
    /// The node that sent the request: a client id belongs to one node.
    public var sender: NodeID
    public var mailbox: String
    public var bytes: [UInt8]
    /// The entry into the critical section that appended it (``Ballot/none`` while it waits for one).
    public var ballot: Ballot

    public init(client: UInt64, request: UInt64, sender: NodeID, mailbox: String, bytes: [UInt8], ballot: Ballot = .none) {
        self.client = client
        self.request = request
        self.sender = sender
        self.mailbox = mailbox
        self.bytes = bytes
        self.ballot = ballot
    }

    public var description: String { "c\(client)#\(request) \(mailbox.escapingControlCharacters) \(bytes.count) B by \(ballot)" }

    public func encode(to writer: inout WireWriter) {
        writer.write(client); writer.write(request); writer.write(sender); writer.write(mailbox); writer.writeBytes(bytes); writer.write(ballot)
    }

    public init(from reader: inout WireReader) throws(WireError) {
        client = try reader.read()
        request = try reader.read()
        sender = try reader.read()
        mailbox = try PersistenceMessage.mailbox(&reader)
        bytes = try PersistenceMessage.bytes(&reader, limit: PersistenceLimits.standard.maxEntryBytes)
        ballot = try reader.read()
    }
}
