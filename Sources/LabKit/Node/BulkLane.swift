/// A node's second path over TCP, for bulk bytes: the messages a lane ``carries(_:to:)`` travel on streams of
/// their own (a connection the peer's mesh hands to its lane, where bytes can go out with `sendfile`) instead
/// of as envelopes on the mesh, and what comes back reaches the node as messages from that peer.
///
/// The node's logic does not change: a lane is the real shell's way to carry some of its messages, and the
/// simulator carries them as it carries any other. The deposit lab's servers pull blobs through one.
public protocol BulkLane<Message>: Sendable {
    associatedtype Message: Sendable
    /// Whether `message` for `peer` goes on the lane rather than on the mesh.
    func carries(_ message: Message, to peer: NodeID) -> Bool
    /// Sends `message` to `peer`; `dial` opens a stream to it (the peer proved its name on it when the cluster
    /// has a key). Each answer goes to `answer`, in the order the peer sent them, as a message from `peer`.
    func send(_ message: Message, to peer: NodeID, dial: @escaping @Sendable () async throws -> TCPConnection,
              answer: @escaping @Sendable (Message) -> Void)
    /// Serves a stream a peer opened to this node until it ends; `decoder` holds the bytes read from it already,
    /// `peer` is the name it proved with the cluster key (`nil` without one).
    func serve(_ connection: TCPConnection, decoder: FrameDecoder, peer: NodeID?) async
    /// Closes every stream: the node stops.
    func close()
}
