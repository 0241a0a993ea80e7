/// What the persistence service's nodes report to their users; graders read these.
public enum PersistenceEvent: Hashable, Sendable, CustomStringConvertible {
    /// A client's append number `request` is acknowledged (durable on a majority of the stores).
    case appended(request: UInt64)
    /// A client's append number `request` was refused, for `reason`.
    case refused(request: UInt64, reason: PersistenceRefusal)
    /// A client read `items` of `mailbox` from index `from`, from `store`.
    case read(mailbox: String, from: Int, items: [[UInt8]], store: NodeID)

    public var description: String {
        switch self {
        case let .appended(request): "appended #\(request)"
        case let .refused(request, reason): "refused #\(request): \(reason)"
        case let .read(mailbox, from, items, store): "read \(mailbox.escapingControlCharacters)[\(from)..<\(from + items.count)] from \(store)"
        }
    }
}
