/// What a frame between two ``TCPMesh``es carries, said by its first byte: a node's envelope, or one of the
/// meshes' own frames that bind names to the peers that proved them.
enum FrameKind: UInt8 {
    /// A node's ``Envelope``.
    case envelope = 0
    /// "The name you first spoke as on this connection is yours: present this ``Ticket`` to take it back."
    case ticket = 1
    /// The first frame on a new connection of a peer that holds a ticket: "I am the name this was issued to".
    case claim = 2
    /// The first frame on a connection dialed by a node of a cluster: "I am this name, and I hold the key"
    /// (``ClusterKey``).
    case proof = 3
    /// The first frame after the proofs on a connection for the node's ``BulkLane``: the mesh hands the
    /// connection over, and reads no more frames from it.
    case stream = 4

    /// `payload` as a frame of this kind.
    func frame(_ payload: some Collection<UInt8>) -> [UInt8] {
        var bytes = [rawValue]
        bytes.append(contentsOf: payload)
        return bytes
    }

    /// A frame's kind and payload; an empty frame or an unknown kind is a `WireError`.
    static func split(_ frame: [UInt8]) throws(WireError) -> (FrameKind, ArraySlice<UInt8>) {
        guard let first = frame.first else { throw .truncated(field: "mesh frame kind", needed: 1, available: 0) }
        guard let kind = FrameKind(rawValue: first) else { throw .unknownTag(type: "mesh frame", tag: UInt64(first)) }
        return (kind, frame.dropFirst())
    }
}

/// A random proof of a name, issued by the mesh the name was first proven to (on the connection it spoke on)
/// and presented by its holder on any later connection. 128 bits from the system's secure generator.
struct Ticket: Equatable, Sendable {
    static let length = 16
    let bytes: [UInt8]

    init() {
        var generator = SystemRandomNumberGenerator()
        bytes = (0..<Self.length).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }

    /// A ticket from a frame's payload, which must be exactly ``length`` bytes.
    init(_ payload: ArraySlice<UInt8>) throws(WireError) {
        guard payload.count == Self.length else {
            throw .invalidValue(field: "ticket", reason: "\(payload.count) bytes, not \(Self.length)")
        }
        bytes = Array(payload)
    }
}
