/// Why a simulated run stopped early.
public enum SimulationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A node's handler threw; `reason` is the error's description ("not implemented: exercise 2.1", …).
    case nodeFailed(node: NodeID, event: String, reason: String)
    /// The run processed more events than its limit: a livelock, or a message storm.
    case eventLimit(Int)

    public var description: String {
        switch self {
        case let .nodeFailed(node, event, reason): "node \(node) failed while handling \(event): \(reason)"
        case let .eventLimit(limit): "the simulation exceeded \(limit) events (a livelock or a message storm?)"
        }
    }

    /// The unfinished exercise behind this failure, if that is what stopped the run.
    public var notImplemented: NotImplemented? {
        guard case let .nodeFailed(_, _, reason) = self else { return nil }
        return NotImplemented(describedBy: reason)
    }
}
