/// Names a timer a node sets: `"retry"`, or `TimerID("retry", 7)` for one timer per sequence number.
///
/// Setting a timer whose ID is already pending replaces it; cancelling an ID that is not pending does nothing.
public struct TimerID: Hashable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// What the timer is for.
    public let name: String
    /// Which one, when a node keeps several timers of the same kind.
    public let index: Int

    public init(_ name: String, _ index: Int = 0) {
        self.name = name
        self.index = index
    }

    public init(stringLiteral name: String) { self.init(name) }

    public var description: String { index == 0 ? name : "\(name)#\(index)" }
}
