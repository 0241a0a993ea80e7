import PingKit

/// A grader-owned server that never answers: it lets client exercises be graded on their own.
struct SilentServer: PingServerNode {
    mutating func receive(_ message: PingMessage, from sender: NodeID, _ ctx: inout PingContext) {}
}

/// A grader-owned server that answers every PING: client exercises do not depend on the student's server.
struct EchoServer: PingServerNode {
    mutating func receive(_ message: PingMessage, from sender: NodeID, _ ctx: inout PingContext) {
        if case let .ping(seq, attempt) = message { ctx.send(.pong(seq: seq, attempt: attempt), to: sender) }
    }
}

/// A grader-owned client that fires a fixed list of pings at once and reports every pong it gets.
struct ProbeClient: NodeLogic {
    let server: NodeID
    let pings: [(seq: UInt32, attempt: UInt32)]

    mutating func start(_ ctx: inout PingContext) {
        for ping in pings { ctx.send(.ping(seq: ping.seq, attempt: ping.attempt), to: server) }
    }

    mutating func receive(_ message: PingMessage, from sender: NodeID, _ ctx: inout PingContext) {
        if case let .pong(seq, attempt) = message { ctx.deliver(.reply(seq: seq, attempt: attempt, rtt: .zero)) }
    }
}
