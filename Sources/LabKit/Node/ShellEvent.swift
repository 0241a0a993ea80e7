/// What a running ``NodeShell`` reports to whoever started it (the CLI prints these; live tests collect them).
public enum ShellEvent<Output: Sendable>: Sendable {
    /// The node delivered `output` to its user.
    case output(Output)
    /// A log line: the node's own `ctx.log`, or the shell's note about the network (a garbage datagram, an
    /// unknown peer, an injected loss).
    case log(String)
    /// A trace event, for `--trace FILE`.
    case trace(TraceEvent)
}

/// How a node reaches its peers.
public enum Transport: String, Sendable, CaseIterable {
    /// One datagram per message: lossy, unordered, no connections.
    case udp
    /// Length-prefixed frames over TCP connections, opened on first use and kept.
    case tcp
}

/// Why a ``NodeShell`` stopped on its own.
public enum NodeShellError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The node's handler threw; `reason` is the error ("not implemented: exercise 2.1", …).
    case nodeFailed(node: NodeID, reason: String)
    /// The node's storage folder could not be read or written.
    case storage(String)

    /// The unfinished exercise behind this failure, if that is what stopped the node.
    public var notImplemented: NotImplemented? {
        guard case let .nodeFailed(_, reason) = self else { return nil }
        return NotImplemented(describedBy: reason)
    }

    public var description: String {
        switch self {
        case let .nodeFailed(node, reason): "node \(node) stopped: \(reason)"
        case let .storage(reason): "storage: \(reason)"
        }
    }
}
