/// What a node asked for while handling one event. Drivers carry these out: the real shell on sockets and the
/// wall clock, the simulator in virtual time.
public enum Effect<Message: Sendable, Output: Sendable>: Sendable {
    /// Send `message` to node `to`. Delivery is not guaranteed: it may be lost, duplicated or delayed.
    case send(Message, to: NodeID)
    /// Call `timerFired` with `timer` after `delay`, replacing a pending timer with the same ID.
    case setTimer(TimerID, after: Duration)
    /// Forget a pending timer; nothing happens if it is not pending.
    case cancelTimer(TimerID)
    /// A line for the node's log and the trace; never part of the protocol.
    case log(String)
    /// Something the node reports to its user: a reply arrived, a chat line to show. Graders check these.
    case deliver(Output)
    /// Store `value` under `key` so that it survives a crash; `nil` deletes it. Applied before later sends.
    case persist(key: String, value: [UInt8]?)
    /// The message being handled proved that `NodeID` sent it: messages to that name go where this one came from.
    /// Only nodes that ``NodeLogic/authenticatesSenders`` ask for it; outside `receive` it changes nothing.
    case vouch(NodeID)
}

/// Effects compare equal when they ask for the same thing: how a unit test checks one step of a node.
/// ```swift
/// var ctx = NodeContext<PingMessage, PingEvent>(id: "server", now: .zero, random: SeededRandom(seed: 1))
/// try server.receive(.ping(seq: 1, attempt: 1), from: "client", &ctx)
/// #expect(ctx.effects == [.send(.pong(seq: 1, attempt: 1), to: "client")])
/// ```
extension Effect: Equatable where Message: Equatable, Output: Equatable {}
