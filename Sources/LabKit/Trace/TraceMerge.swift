/// One trace of a run from the traces its processes wrote separately (their times counted from one origin, as
/// `--trace-origin` makes them): the events in time order, each receive linked to its send so that the
/// space-time diagram draws the arrow.
///
/// Real processes number no messages across the network, so a receive at B from A is matched to the first
/// unmatched send from A to B of the same message (TCP and loopback keep that order). Clocks of different
/// processes differ by a few milliseconds: a receive is never placed before its send.
public enum TraceMerge {
    /// How much earlier than its send a receive may be logged and still match it (it is then moved just after it).
    public static let clockSlack: Duration = .milliseconds(50)

    /// The events of `traces`, merged in time order, with `messageID` linking each send to its receive or drop;
    /// a peer named in `aliases` (a node's address, used before its name is known) is renamed to the node.
    public static func merge(_ traces: [[TraceEvent]], aliases: [NodeID: NodeID] = [:]) -> [TraceEvent] {
        var events = stableSorted(traces.flatMap { $0 })
        for index in events.indices {
            if let peer = events[index].peer, let node = aliases[peer] { events[index].peer = node }
        }
        struct Route: Hashable { let from: NodeID, to: NodeID, message: String }
        var unmatched: [Route: [Int]] = [:]   // indexes of sends not yet received, oldest first
        var nextID = 1
        for index in events.indices where events[index].kind == .send {
            guard let peer = events[index].peer else { continue }
            events[index].messageID = nextID
            nextID += 1
            unmatched[Route(from: events[index].node, to: peer, message: events[index].detail), default: []].append(index)
        }
        for index in events.indices {
            let event = events[index]
            guard let peer = event.peer else { continue }
            let route: Route
            switch event.kind {
            case .receive: route = Route(from: peer, to: event.node, message: event.detail)
            case .drop where event.detail.hasSuffix(TraceEvent.injectedLoss):
                route = Route(from: event.node, to: peer, message: String(event.detail.dropLast(TraceEvent.injectedLoss.count)))
            default: continue
            }
            guard let send = unmatched[route]?.first, events[send].time <= event.time + clockSlack else { continue }
            unmatched[route]!.removeFirst()
            events[index].messageID = events[send].messageID
            if event.time <= events[send].time { events[index].time = events[send].time + .nanoseconds(1) }
        }
        return stableSorted(events)
    }

    /// `events` by time, events of one time in their given order.
    private static func stableSorted(_ events: [TraceEvent]) -> [TraceEvent] {
        events.enumerated().sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }.map(\.element)
    }
}
