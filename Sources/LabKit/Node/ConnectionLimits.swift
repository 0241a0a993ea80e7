/// What a TCP node lets its peers make it hold, so that no peer — slow, idle or hostile — can exhaust it.
///
/// A connection that completes no frame for `idleTimeout` (idle, or stuck half-way through one) is closed;
/// at most `maxConnections` are open at once, and a new one beyond that evicts the one that has been silent
/// longest (peers that talk keep their place); a frame longer than `maxFrameLength` closes its connection
/// before anything is allocated for it; and the bytes of unfinished frames, summed over all connections,
/// stay within `maxBufferedBytes`: past it, the connection holding the most is closed. Memory for frames is
/// thus at most about `maxBufferedBytes` plus one frame being handled per connection.
public struct ConnectionLimits: Sendable, Equatable {
    public var maxConnections: Int
    public var idleTimeout: Duration
    public var maxFrameLength: Int
    public var maxBufferedBytes: Int
    /// How long a name proven on a connection that closed stays reserved for the holder of its ticket.
    public var nameHold: Duration

    public init(maxConnections: Int = 256, idleTimeout: Duration = .seconds(120), maxFrameLength: Int = 1 << 20,
                maxBufferedBytes: Int = 32 << 20, nameHold: Duration = .seconds(15)) {
        precondition(maxConnections > 0 && idleTimeout > .zero && maxFrameLength > 0 && maxBufferedBytes >= maxFrameLength
                     && nameHold >= .zero, "connection limits must be positive, with room for one whole frame")
        self.maxConnections = maxConnections
        self.idleTimeout = idleTimeout
        self.maxFrameLength = maxFrameLength
        self.maxBufferedBytes = maxBufferedBytes
        self.nameHold = nameHold
    }

    /// The limits a node gets unless told otherwise: 256 connections, 2 minutes of silence, 1 MiB frames,
    /// 32 MiB of unfinished frames in all, a closed connection's name kept 15 s for its ticket.
    public static let standard = ConnectionLimits()
}
