import LabKit

/// How to reach a peer's chunk server.
public struct PeerContact: Hashable, Comparable, Sendable, WireCodable, CustomStringConvertible {
    public var peer: NodeID
    /// The `HOST:PORT` its chunk server listens on.
    public var address: String

    public init(peer: NodeID, address: String) {
        self.peer = peer
        self.address = address
    }

    public var description: String { "\(peer)@\(address)" }
    public static func < (lhs: PeerContact, rhs: PeerContact) -> Bool { (lhs.peer, lhs.address) < (rhs.peer, rhs.address) }

    public func encode(to writer: inout WireWriter) { writer.write(peer); writer.write(address) }
    /// The longest `HOST:PORT` a message may carry.
    public static let maxAddressLength = 100

    public init(from reader: inout WireReader) throws(WireError) {
        peer = try reader.read()
        address = try reader.readText(maxLength: Self.maxAddressLength, field: "peer address")
    }
}
